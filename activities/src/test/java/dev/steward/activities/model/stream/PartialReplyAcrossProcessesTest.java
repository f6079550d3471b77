package dev.steward.activities.model.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.client.AgentClient;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A client that shares nothing with the worker but the Temporal server (its own gRPC connection)
 * sees the model's partial reply while the Model activity still runs, and the workflow history
 * holds no per-token events. Prints when each piece became visible; asserts no timings.
 */
class PartialReplyAcrossProcessesTest {

  private static final String QUEUE = "partial-test";

  @Test
  void partialReplyIsVisibleToAnotherClientWhileTheCallRuns() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    // Without time skipping: the call must run in real time for the reader to watch it.
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, false)) {
      String target = "localhost:" + port;
      WorkflowServiceStubs workerStubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      WorkflowClient workerClient = WorkflowClient.newInstance(workerStubs);
      WorkerFactory factory = WorkerFactory.newInstance(workerClient);
      // What the Steward worker should set: heartbeats reach the server at most every 500 ms.
      factory.newWorker(QUEUE, WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(Duration.ofMillis(500)).build())
          .registerWorkflowImplementationTypes(ModelCallWorkflow.Impl.class);
      factory.getWorker(QUEUE).registerActivitiesImplementations(new ModelActivitiesImpl(Map.<String, String>of()::get));
      factory.start();

      WorkflowServiceStubs readerStubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      AgentClient reader = new AgentClient(WorkflowClient.newInstance(readerStubs), QUEUE);
      try {
        String reply = "The quick brown fox jumps over the lazy dog, twice.";
        ModelSpec spec = new ModelSpec("scripted", "demo", null, null, null, null, null,
            Map.of("chunk_pause_ms", 1500), List.of(new ScriptedTurn(null, List.of(new ScriptedStep(reply, List.of())))));
        ModelCallWorkflow workflow = workerClient.newWorkflowStub(ModelCallWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("agent-stream-1").build());
        long started = System.nanoTime();
        WorkflowClient.start(workflow::call,
            new ModelRequest("agent-stream-1", 1, 1, spec, "", List.of(ChatMessage.user("go")), List.of()));

        List<String> seen = new ArrayList<>();
        List<Long> seenAtMillis = new ArrayList<>();
        // Samples what another client sees until the reply is whole or the call is over.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
          Optional<String> partial = reader.partialReply("agent-stream-1");
          if (partial.isPresent() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(partial.get()))) {
            seen.add(partial.get());
            seenAtMillis.add((System.nanoTime() - started) / 1_000_000);
          }
          return partial.map(reply::equals).orElse(!seen.isEmpty());
        });
        ModelResponse response = WorkflowClient.execute(workflow::call,
            new ModelRequest("x", 1, 1, spec, "", List.of(ChatMessage.user("go")), List.of())).get();
        for (int i = 0; i < seen.size(); i++) {
          System.out.printf("partial reply visible at %5d ms: %s%n", seenAtMillis.get(i), seen.get(i));
        }

        assertThat(response.text()).isEqualTo(reply);
        assertThat(seen).as("partial replies seen by the other client").isNotEmpty();
        assertThat(seen.get(0)).isNotEqualTo(reply);
        assertThat(reply).startsWith(seen.get(0));
        String history = workerClient.fetchHistory("agent-stream-1").toJson(false);
        assertThat(history).doesNotContain("quick brown");
      } finally {
        factory.shutdownNow();
        readerStubs.shutdownNow();
        workerStubs.shutdownNow();
      }
    }
  }
}
