package dev.steward.gateway;

import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.TurnOutcome;
import dev.steward.proto.v1.TurnStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load: {@code clients} concurrent clients, each with its own connection and its own
 * agent, each sending {@code asks} Asks one after another. Reports counts and latencies; asserts nothing
 * about time.
 */
final class AskLoad {

  /**
   * What a run measured.
   *
   * @param asks Asks that returned a completed turn
   * @param errors Asks that failed or returned anything but a completed turn
   * @param wallMillis from the first Ask sent to the last answered, in milliseconds
   * @param p50Millis median Ask latency, in milliseconds
   * @param p99Millis 99th percentile Ask latency, in milliseconds
   */
  record Result(int clients, int asksPerClient, int asks, int errors, long wallMillis, double p50Millis, double p99Millis,
      List<Sample> samples) {

    double asksPerSecond() {
      return asks * 1000.0 / Math.max(1, wallMillis);
    }

    @Override
    public String toString() {
      return String.format("%d clients x %d asks: %d ok, %d errors, %.1f s, %.1f asks/s, p50 %.0f ms, p99 %.0f ms",
          clients, asksPerClient, asks, errors, wallMillis / 1000.0, asksPerSecond(), p50Millis, p99Millis);
    }
  }

  /**
   * One Ask as its client saw it, by the wall clock (the same clock the in-JVM test server stamps
   * history events with, so {@link AskPhases} can line the two up).
   *
   * @param index the Ask's place in its client's sequence, from 0
   */
  record Sample(String agentId, int index, long sentMillis, long answeredMillis, boolean ok) {}

  private AskLoad() {}

  static Result run(GatewayTestKit kit, String apiKey, int clients, int asks) throws Exception {
    List<StewardGrpcClient> connections = new ArrayList<>();
    List<String> agentIds = new ArrayList<>();
    String run = Long.toHexString(System.nanoTime());
    for (int c = 0; c < clients; c++) {
      StewardGrpcClient client = kit.client(apiKey);
      connections.add(client);
      agentIds.add(client.startAgent("load-" + run + "-" + c, GatewayEndToEndTest.ECHO).getAgentId());
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        StewardGrpcClient client = connections.get(c);
        String agentId = agentIds.get(c);
        running.add(pool.submit(() -> askInTurn(client, agentId, asks, latencies, samples, errors)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      connections.forEach(StewardGrpcClient::close);
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(clients, asks, sorted.size(), errors.get(), wall, percentile(sorted, 50), percentile(sorted, 99),
        List.copyOf(samples));
  }

  private static void askInTurn(StewardGrpcClient client, String agentId, int asks, List<Long> latencies,
      List<Sample> samples, AtomicInteger errors) {
    for (int i = 0; i < asks; i++) {
      long sent = System.currentTimeMillis();
      long t0 = System.nanoTime();
      boolean ok = false;
      try {
        TurnOutcome outcome = client.ask(agentId, "message " + i, Duration.ofSeconds(120));
        ok = outcome.getStatus() == TurnStatus.TURN_STATUS_COMPLETED;
        if (ok) {
          latencies.add(System.nanoTime() - t0);
        } else {
          errors.incrementAndGet();
        }
      } catch (RuntimeException e) {
        errors.incrementAndGet();
      }
      samples.add(new Sample(agentId, i, sent, System.currentTimeMillis(), ok));
    }
  }

  private static double percentile(List<Long> sortedNanos, int p) {
    if (sortedNanos.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
    return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
  }
}
