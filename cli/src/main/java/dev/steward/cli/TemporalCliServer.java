package dev.steward.cli;

import dev.steward.workflows.agent.SearchAttributeNames;
import io.temporal.common.SearchAttributeKey;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The real Temporal server on this machine: {@code temporal server start-dev} from the official
 * {@code temporal} CLI, as a child process. It keeps its state in a SQLite file, so agents outlive
 * it, and serves the Temporal Web UI. It stops with this process.
 */
final class TemporalCliServer implements LocalTemporalServer {

  /** How long the server may take to answer its first health check. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Runs the command it is given (the server) and stops it when steward goes, however steward goes:
   * its stdin is a pipe from steward, which the kernel closes when steward ends, kill -9 included,
   * and a reader waiting for that end stops the server. A SIGTERM (steward's own stop) is passed
   * on; the watchdog exits with the server's status, so a server that fails at once is seen at once.
   */
  private static final String WATCHDOG = """
      "$@" </dev/null &
      server=$!
      trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
      exec 3<&0
      { while read -r _ <&3; do :; done; kill -TERM "$server" 2>/dev/null; } &
      reader=$!
      wait "$server"; status=$?
      while [ "$status" -gt 128 ] && kill -0 "$server" 2>/dev/null; do wait "$server"; status=$?; done
      kill "$reader" 2>/dev/null
      exit "$status"
      """;

  private final Process process;
  private final String host;
  private final int port;
  private final int uiPort;
  private final Path log;

  private TemporalCliServer(Process process, String host, int port, int uiPort, Path log) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.uiPort = uiPort;
    this.log = log;
  }

  /** The {@code temporal} executable on PATH, if there is one. */
  static Optional<Path> findOnPath() {
    return onPath("temporal");
  }

  /** The executable {@code name} in a directory of PATH, the first one that has it. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts the server and waits until it answers, with Steward's search attributes registered in
   * {@code namespace}.
   *
   * @param database the SQLite file; created when missing, reused (agents and all) when present
   * @throws IllegalStateException when it does not start; the message quotes its output
   */
  static TemporalCliServer start(Path cli, String bind, int port, int uiPort, String namespace, Path database) {
    return start(cli, bind, port, uiPort, namespace, database, null);
  }

  /**
   * Like {@link #start(Path, String, int, int, String, Path)}, with the Web UI decoding payloads through
   * the codec server at {@code codecEndpoint} (e.g. {@code http://localhost:8080/codec}); null for none.
   */
  static TemporalCliServer start(Path cli, String bind, int port, int uiPort, String namespace, Path database,
      String codecEndpoint) {
    List<String> command = new ArrayList<>();
    // In a session of its own where setsid exists (Linux): a terminal's Ctrl-C then reaches steward
    // alone, which stops the gateway and the worker before the server, not while it dies under them.
    onPath("setsid").ifPresent(setsid -> command.add(setsid.toString()));
    // Under a watchdog where sh exists: a session of its own outlives steward, kill -9 included.
    onPath("sh").ifPresent(sh -> command.addAll(List.of(sh.toString(), "-c", WATCHDOG, "watchdog")));
    command.addAll(List.of(cli.toString(), "server", "start-dev", "--ip", bind,
        "--port", String.valueOf(port), "--ui-port", String.valueOf(uiPort), "--db-filename", database.toString(),
        "--log-level", "warn"));
    if (codecEndpoint != null) {
      command.addAll(List.of("--ui-codec-endpoint", codecEndpoint));
    }
    if (!namespace.equals("default")) {
      command.addAll(List.of("--namespace", namespace));
    }
    for (SearchAttributeKey<?> key : SearchAttributeNames.ALL) {
      command.addAll(List.of("--search-attribute", key.getName() + "=" + typeName(key)));
    }
    Path log = database.resolveSibling(database.getFileName() + ".log");
    Process process;
    try {
      Files.createDirectories(database.toAbsolutePath().getParent());
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cli + ": " + e.getMessage(), e);
    }
    TemporalCliServer server = new TemporalCliServer(process, bind, port, uiPort, log);
    try {
      server.awaitServing();
      // start-dev registers the attributes in its own namespaces; this covers any other.
      SearchAttributes.register(server.address(), namespace);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void awaitServing() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Temporal server (temporal server start-dev) exited with code "
            + process.exitValue() + ": " + tail());
      }
      if (Probe.reachable(address(), Duration.ofSeconds(1))) {
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException("the Temporal server did not answer within " + START_TIMEOUT.toSeconds()
        + " s: " + tail());
  }

  @Override
  public String address() {
    return LocalTemporalServer.clientHost(host) + ":" + port;
  }

  @Override
  public Optional<String> webUi() {
    return Optional.of("http://" + LocalTemporalServer.clientHost(host) + ":" + uiPort);
  }

  @Override
  public boolean durable() {
    return true;
  }

  /** Asks the server to stop (SIGTERM) and waits for it; kills it if it has not stopped in 10 s. */
  @Override
  public void close() {
    ChildProcesses.stop(process, Duration.ofSeconds(10));
  }

  /**
   * What the server wrote, for an error message: from its panic when it panicked (Go prints the
   * reason first, then a long stack), else its last lines.
   */
  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      int from = Math.max(0, lines.size() - 15);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("panic:")) {
          from = i;
          break;
        }
      }
      return String.join("\n", lines.subList(from, Math.min(lines.size(), from + 15)));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static String typeName(SearchAttributeKey<?> key) {
    return switch (key.getValueType()) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no start-dev type for " + key.getName());
    };
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal server", e);
    }
  }
}
