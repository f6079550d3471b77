package dev.steward.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVMs one test starts (a Temporal server on a free port, workers, gateways), closed in reverse
 * order: workers before the server, like a real shutdown.
 */
final class ProcessGroup implements AutoCloseable {

  private final List<JvmProcess> processes = new ArrayList<>();
  private JvmProcess server;

  /** Starts a Temporal server JVM on a free port, waits until it answers, and returns its address. */
  String startServer(String name) throws IOException {
    int port = EmbeddedTemporal.freePort();
    String address = "localhost:" + port;
    server = start(name, "server", "--port", String.valueOf(port));
    await("Temporal server in " + server).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> Probe.reachable(address, Duration.ofSeconds(1)));
    return address;
  }

  /** The Temporal server JVM {@link #startServer} started. */
  JvmProcess server() {
    return server;
  }

  JvmProcess start(String name, String... stewardArgs) throws IOException {
    return start(name, Map.of(), stewardArgs);
  }

  JvmProcess start(String name, Map<String, String> environment, String... stewardArgs) throws IOException {
    JvmProcess process = JvmProcess.start(name, environment, stewardArgs);
    processes.add(process);
    return process;
  }

  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }
}
