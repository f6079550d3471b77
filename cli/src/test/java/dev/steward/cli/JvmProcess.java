package dev.steward.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The steward CLI in a JVM of its own, from this test's class path, with its output in
 * {@code target/e2e-logs/<name>.log}. Tests stop every process they start, by its handle.
 */
final class JvmProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private JvmProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static JvmProcess start(String name, String... stewardArgs) throws IOException {
    return start(name, Map.of(), stewardArgs);
  }

  /** Like {@link #start(String, String...)}, with these variables added to its environment. */
  static JvmProcess start(String name, Map<String, String> environment, String... stewardArgs) throws IOException {
    return start(name, environment, false, stewardArgs);
  }

  /**
   * Like {@link #start(String, String...)}, in a session and process group of its own (Linux's
   * {@code setsid}), as a terminal's foreground job is: {@link #interruptGroup()} then plays Ctrl-C.
   */
  static JvmProcess startInOwnSession(String name, String... stewardArgs) throws IOException {
    return start(name, Map.of(), true, stewardArgs);
  }

  private static JvmProcess start(String name, Map<String, String> environment, boolean ownSession,
      String... stewardArgs) throws IOException {
    Path logs = Path.of("target", "e2e-logs");
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    if (ownSession) {
      // Not a group leader, setsid execs in place: the JVM keeps the pid and leads its new group.
      command.add("setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small, quick-starting JVMs: these processes do little work.
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StewardCli.class.getName());
    command.addAll(List.of(stewardArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("TEMPORAL_ADDRESS");
    builder.environment().putAll(environment);
    return new JvmProcess(name, builder.start(), log);
  }

  /** Runs a CLI command to its end and returns its exit code and output (stdout and stderr together). */
  static CliRun run(String name, Map<String, String> environment, String... stewardArgs) throws Exception {
    JvmProcess p = start(name, environment, stewardArgs);
    if (!p.process.waitFor(120, TimeUnit.SECONDS)) {
      p.close();
      throw new AssertionError(name + " did not end within 120 s: " + p.output());
    }
    return new CliRun(p.process.exitValue(), p.output(), "");
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** SIGINT to its whole process group, what Ctrl-C in a terminal sends (see {@link #startInOwnSession}). */
  void interruptGroup() throws Exception {
    Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -INT -" + process.pid() + " failed");
    }
  }

  /** Waits until it has ended; false if it has not within {@code timeout}. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM, then SIGKILL if it has not ended within 15 seconds. */
  @Override
  public void close() {
    ChildProcesses.stop(process, Duration.ofSeconds(15));
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
