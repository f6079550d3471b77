package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full load for docs/BENCHMARKS.md: 50 concurrent clients x 20 Asks each through the gateway,
 * against the embedded Temporal and a real worker with the scripted model, all in this JVM. Not part
 * of the default run; see docs/BENCHMARKS.md for the command. Writes its figures to
 * {@code target/ask-benchmark.txt}.
 */
@Tag("bench")
class AskBenchmarkTest {

  @Test
  void fiftyClientsTimesTwentyAsks() throws Exception {
    int clients = Integer.getInteger("bench.clients", 50);
    int asks = Integer.getInteger("bench.asks", 20);
    AskLoad.Result result;
    String phases;
    try (GatewayTestKit kit = new GatewayTestKit()) {
      AskLoad.run(kit, GatewayTestKit.ACME_KEY, 5, 2); // Warm-up: JIT, connections, worker caches.
      try (ThreadDumps dumps = Boolean.getBoolean("bench.threadDumps")
          ? new ThreadDumps("ask-threads", 600, 1500, 3000, 4500) : null) {
        result = AskLoad.run(kit, GatewayTestKit.ACME_KEY, clients, asks);
      }
      phases = AskPhases.report(kit.temporalAddress, result.samples())
          + (kit.pollLog == null ? "" : kit.pollLog.report());
    }
    System.out.println("ask benchmark: " + result);
    Files.writeString(Path.of("target/ask-benchmark.txt"), result + System.lineSeparator() + phases);
    assertThat(result.errors()).isZero();
  }
}
