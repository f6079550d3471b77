package dev.steward.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java test server in a JVM of its own ({@link ServerMain} with {@code -}), started by the bench
 * with this JVM's java and class path, and stopped by the bench through its process handle. If the
 * bench dies first, the server sees its stdin close and exits by itself.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final String address;

  private ServerProcess(Process process, String address) {
    this.process = process;
    this.address = address;
  }

  /** Starts a server with {@code heap} as its -Xmx (e.g. "2g") and waits for its address. */
  static ServerProcess start(String heap) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this bench"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap,
        "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "-"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.contains(":")) {
      process.destroyForcibly();
      throw new IllegalStateException("the test server process ended before giving its address (exit "
          + (process.isAlive() ? "?" : process.exitValue()) + ")");
    }
    return new ServerProcess(process, line.trim());
  }

  /** {@code 127.0.0.1:port}. */
  String address() {
    return address;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // the server's cue to stop
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
