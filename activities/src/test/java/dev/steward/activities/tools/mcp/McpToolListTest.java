package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.network.AgentNetwork;
import dev.steward.workflows.spec.McpServerSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The tool list of a server is listed once for callers that ask for it at the same time. */
class McpToolListTest {

  private static final long GIVE_UP_MILLIS = 60_000;

  @Test
  void callersThatAskWhileTheListIsBeingMadeWaitForItAndShareIt() throws Exception {
    AtomicInteger listings = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    // The server holds the first tools/list until the test has seen what the second caller does.
    JettyMcpServer.Listener holdFirstListing = (request, method) -> {
      if ("tools/list".equals(method) && listings.incrementAndGet() == 1) {
        await(release);
      }
    };
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (JettyMcpServer server = new JettyMcpServer(0, holdFirstListing);
        McpConnection connection = new McpConnection(McpServerSpec.http("list", server.url(), null, Map.of()),
            Map.<String, String>of()::get, TestMcpServer.JSON, AgentNetwork.publicOnly().allowingPrivate(true))) {
      Future<List<McpSchema.Tool>> first = callers.submit(connection::tools);
      waitUntil(() -> listings.get() == 1, "the first listing to reach the server");

      AtomicReference<Thread> secondThread = new AtomicReference<>();
      Future<List<McpSchema.Tool>> second = callers.submit(() -> {
        secondThread.set(Thread.currentThread());
        return connection.tools();
      });
      // Either it waits (for the listing in progress, or for an answer of its own) or it reached the server.
      waitUntil(() -> listings.get() == 2 || waiting(secondThread.get()), "the second caller to wait");
      release.countDown();

      assertThat(first.get()).extracting(McpSchema.Tool::name).contains("echo");
      assertThat(second.get()).isEqualTo(first.get());
      assertThat(listings).hasValue(1);
    } finally {
      release.countDown();
      callers.shutdownNow();
    }
  }

  private static boolean waiting(Thread thread) {
    return thread != null && thread.getState() != Thread.State.RUNNABLE && thread.getState() != Thread.State.NEW;
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    Awaitility.await(what).atMost(Duration.ofMillis(GIVE_UP_MILLIS)).pollInterval(Duration.ofMillis(5))
        .until(condition::getAsBoolean);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
