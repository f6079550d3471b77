package dev.steward.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bench's "separate server process": Temporal's Java test server on a free loopback port in a
 * JVM of its own. Writes {@code host:port} to the file named by its one argument, then serves until
 * it is stopped (bench/run.sh stops it by its PID).
 */
public final class ServerMain {

  private ServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: ServerMain <file to write host:port to>");
      System.exit(2);
    }
    BenchServer server = BenchServer.onPort(0);
    Path file = Path.of(args[0]);
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    Files.writeString(partial, server.address());
    // Renamed into place so that a reader never sees half an address.
    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
