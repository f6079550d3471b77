package dev.steward.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bench's "separate server process": Temporal's Java test server on a free loopback port in a
 * JVM of its own.
 *
 * <pre>
 * ServerMain FILE   # writes host:port to FILE, then serves until stopped by its PID
 * ServerMain -      # prints host:port on stdout, then serves until its stdin closes (or it is stopped)
 * </pre>
 * The second form is how {@link ServerProcess} runs one server per round: the server ends with the
 * bench that started it, even if the bench is killed.
 */
public final class ServerMain {

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ServerMain <file to write host:port to> | -");
      System.exit(2);
    }
    BenchServer server = BenchServer.onPort(0);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    if (args[0].equals("-")) {
      System.out.println(server.address());
      System.out.flush();
      InputStream in = System.in;
      // Blocks until the parent closes our stdin or dies; then the shutdown hook stops the server.
      while (in.read() >= 0) {
        // nothing is expected on stdin
      }
      System.exit(0);
    }
    Path file = Path.of(args[0]);
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    Files.writeString(partial, server.address());
    // Renamed into place so that a reader never sees half an address.
    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
