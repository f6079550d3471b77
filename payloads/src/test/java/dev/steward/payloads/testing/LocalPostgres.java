package dev.steward.payloads.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for tests: the one {@code STEWARD_IT_POSTGRES_URL} names, else one this
 * extension starts from Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}) in a temporary
 * folder on a free loopback port and stops when the test run ends. As root, the server runs as the
 * {@code postgres} user (initdb refuses root). Without either, the tests using it are skipped, saying why.
 *
 * <p>Use with {@code @ExtendWith(LocalPostgres.class)} and {@link #url()} ({@code postgresql://...}).
 */
public final class LocalPostgres implements BeforeAllCallback {

  /** A server someone else runs, e.g. {@code postgresql://user:password@127.0.0.1:5432/db}. */
  public static final String URL_VARIABLE = "STEWARD_IT_POSTGRES_URL";

  private static volatile String url;

  /** The server's URL, {@code postgresql://steward@127.0.0.1:<port>/postgres}; after {@link #beforeAll}. */
  public static String url() {
    if (url == null) {
      throw new IllegalStateException("no PostgreSQL: use @ExtendWith(LocalPostgres.class)");
    }
    return url;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String given = System.getenv(URL_VARIABLE);
    if (given != null && !given.isBlank()) {
      url = given.trim();
      return;
    }
    Optional<Path> bin = binaries();
    org.junit.jupiter.api.Assumptions.assumeTrue(bin.isPresent(),
        "no PostgreSQL: set " + URL_VARIABLE + " or install Debian's postgresql package (.ci/run does)");
    Server server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Server.class, k -> Server.start(bin.get()), Server.class);
    url = server.url;
  }

  private static Optional<Path> binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    }
  }

  /** One server for the whole test run; JUnit closes it when the run ends. */
  static final class Server implements ExtensionContext.Store.CloseableResource {

    private final Path bin;
    private final Path data;
    final String url;

    private Server(Path bin, Path data, String url) {
      this.bin = bin;
      this.data = data;
      this.url = url;
    }

    static Server start(Path bin) {
      try {
        Path dir = Files.createTempDirectory("steward-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path data = dir.resolve("data");
        chown(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        run(bin, "initdb", "-D", data.toString(), "-A", "trust", "-U", "steward", "--no-sync", "-E", "UTF8");
        run(bin, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
            "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        return new Server(bin, data, "postgresql://steward@127.0.0.1:" + port + "/postgres");
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException("could not start PostgreSQL from " + bin + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws Exception {
      try {
        run(bin, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
      } finally {
        try (Stream<Path> files = Files.walk(data.getParent())) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }

    private static boolean root() {
      return "root".equals(System.getProperty("user.name"));
    }

    private static void chown(Path dir) throws IOException, InterruptedException {
      if (root()) {
        exec(List.of("chown", "postgres:postgres", dir.toString()));
      }
    }

    private static void run(Path bin, String tool, String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      if (root()) {
        command.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      command.add(bin.resolve(tool).toString());
      command.addAll(List.of(args));
      exec(command);
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not end within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + new String(out));
      }
    }
  }
}
