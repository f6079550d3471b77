package dev.steward.bench.faults;

import dev.steward.client.AgentClient;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.StewardGateway;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.WatchResponse;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.EventPage;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway under churn: a gateway in this JVM, restarted on the same port now and then while
 * one {@code Watch} client per agent streams its events. A watcher cut off by a restart reconnects
 * and resumes after the last sequence number it saw; at the end every event the agent wrote since
 * the watcher started must have reached it.
 */
final class GatewayChurn implements AutoCloseable {

  static final String API_KEY = "faults-key-0123456789";
  static final String TENANT = "faults";

  private final AgentClient agents;
  private final int port;
  private volatile StewardGateway gateway;
  private volatile boolean closing;
  private final ExecutorService watchers = Executors.newCachedThreadPool();
  private final Map<String, Set<Long>> seen = new ConcurrentHashMap<>();
  private final Map<String, Long> firstSeq = new ConcurrentHashMap<>();
  final AtomicInteger restarts = new AtomicInteger();
  final AtomicInteger reconnects = new AtomicInteger();
  final AtomicInteger skipped = new AtomicInteger();
  final AtomicInteger outOfOrder = new AtomicInteger();

  GatewayChurn(AgentClient agents) throws Exception {
    this.agents = agents;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    gateway = start();
  }

  private StewardGateway start() {
    GatewaySettings settings = GatewaySettings.defaults().withPort(port).withApiKeys(Map.of(API_KEY, TENANT))
        .withShutdownGrace(Duration.ofSeconds(1));
    return StewardGateway.builder().settings(settings).agentClient(agents).build().start();
  }

  /** Stops the gateway (cutting every stream) and starts a new one on the same port. */
  void restart() {
    gateway.close();
    gateway = start();
    restarts.incrementAndGet();
  }

  /** Starts a watcher of this agent, from its beginning. */
  void watch(String agentId) {
    seen.put(agentId, ConcurrentHashMap.newKeySet());
    watchers.submit(() -> {
      long last = 0;
      while (!closing) {
        try (StewardGrpcClient client = StewardGrpcClient.builder().target("127.0.0.1:" + port).apiKey(API_KEY)
            .build()) {
          Iterator<WatchResponse> stream = client.watch(agentId, last);
          while (stream.hasNext()) {
            WatchResponse response = stream.next();
            skipped.addAndGet((int) response.getSkippedEvents());
            if (!response.hasEvent()) {
              continue;
            }
            long seq = response.getEvent().getSeq();
            if (seq <= last) {
              outOfOrder.incrementAndGet();
            }
            firstSeq.putIfAbsent(agentId, seq);
            seen.get(agentId).add(seq);
            last = seq;
          }
        } catch (StatusRuntimeException e) {
          // A restart cut the stream, or the gateway is not up yet: resume after the last event seen.
          if (!closing) {
            reconnects.incrementAndGet();
            pause();
          }
        }
      }
      return null;
    });
  }

  /** Events the agent wrote after the watcher's first one that the watcher never received. */
  int missed(String agentId) {
    Long first = firstSeq.get(agentId);
    if (first == null) {
      return 0;
    }
    EventPage page = agents.events(agentId, first - 1);
    List<Long> expected = new ArrayList<>();
    for (AgentEvent event : page.events()) {
      expected.add(event.seq());
    }
    Set<Long> got = seen.get(agentId);
    // The watcher may still be a moment behind the agent: give it a bounded while to catch up.
    long until = System.currentTimeMillis() + 30_000;
    while (!got.containsAll(expected) && System.currentTimeMillis() < until) {
      pause();
    }
    return (int) expected.stream().filter(seq -> !got.contains(seq)).count();
  }

  int eventsSeen() {
    return seen.values().stream().mapToInt(Set::size).sum();
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing = true;
    gateway.close();
    watchers.shutdownNow();
  }
}
