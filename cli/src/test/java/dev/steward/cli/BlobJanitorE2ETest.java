package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.payloads.LocalDirectoryBlobStore;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.worker.janitor.BlobJanitor;
import dev.steward.worker.janitor.BlobJanitorActivitiesImpl;
import dev.steward.worker.janitor.BlobJanitorWorkflow;
import dev.steward.worker.janitor.SweepReport;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob janitor on a real Temporal server (it needs visibility): once the retention has passed,
 * the blobs of a stopped agent and blobs nothing refers to are removed; the blobs a running agent's
 * history refers to, and blobs written within the retention, stay; the running agent still works.
 */
@RealTemporal.Required
class BlobJanitorE2ETest {

  @TempDir Path dir;

  @Test
  void oldUnreferencedBlobsGoWhileALiveAgentsStay() throws Exception {
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(blobs);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(RealTemporal.address()).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace("default").setDataConverter(StewardDataConverter.create(store, 1024)).build());
    String queue = RealTemporal.unique("janitor");
    String live = RealTemporal.unique("live");
    String stopped = RealTemporal.unique("stopped");
    WorkerFactory janitorFactory = WorkerFactory.newInstance(client);
    try (CountingHttpServer http = new CountingHttpServer();
        StewardWorker worker = StewardWorker.create(client, WorkerSettings.defaults().withTaskQueue(queue)).start()) {
      Worker janitorWorker = janitorFactory.newWorker(queue + "-janitor");
      BlobJanitor.register(janitorWorker, store);
      janitorFactory.start();

      // 1. Two agents fetch large pages; one of them stops.
      AgentWorkflow a = start(client, queue, live, http.url("/big/live"));
      assertThat(a.ask(UserMessage.of("fetch")).status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      AgentWorkflow b = start(client, queue, stopped, http.url("/big/stopped"));
      assertThat(b.ask(UserMessage.of("fetch")).status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      b.stop("done");
      client.newUntypedWorkflowStub(stopped).getResult(Object.class);
      Set<String> liveRefs = references(client, live);
      Set<String> stoppedRefs = references(client, stopped);
      stoppedRefs.removeAll(liveRefs);
      assertThat(liveRefs).isNotEmpty();
      assertThat(stoppedRefs).isNotEmpty();

      // 2. The retention passes for everything there now; then one more blob is written.
      BlobDirs.age(blobs, Duration.ofDays(30));
      String fresh = "f".repeat(64);
      store.put(fresh, new byte[] {1});

      // 3. The janitor sweeps.
      terminateJanitor(client);
      BlobJanitor.ensureRunning(client, queue + "-janitor", Duration.ofDays(7), Duration.ofMinutes(1));
      BlobJanitorWorkflow janitor = client.newWorkflowStub(BlobJanitorWorkflow.class, BlobJanitorWorkflow.ID);
      await("the first sweep").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> janitor.lastSweep() != null);
      SweepReport report = janitor.lastSweep();
      assertThat(report.error()).isNull();
      assertThat(report.removed()).isPositive();
      assertThat(report.referenced()).isGreaterThanOrEqualTo(liveRefs.size());

      assertThat(BlobDirs.stored(blobs)).containsAll(liveRefs).contains(fresh).doesNotContainAnyElementsOf(stoppedRefs);
      // The live agent reads its old blob and goes on.
      assertThat(a.transcript(1, 100).entries()).anySatisfy(e -> assertThat(e.text()).contains("end of /big/live"));
      assertThat(a.ask(UserMessage.of("still there?")).status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      a.stop("done");
    } finally {
      terminateJanitor(client);
      janitorFactory.shutdownNow();
      stubs.shutdownNow();
    }
  }

  private static AgentWorkflow start(WorkflowClient client, String queue, String id, String url) {
    ScriptedTurn turn = new ScriptedTurn("fetch", List.of(
        new ScriptedStep(null, List.of(new ScriptedStep.ScriptedToolCall("http_get", Map.of("url", url)))),
        new ScriptedStep("fetched", List.of())));
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of(), List.of(turn));
    ToolSpec httpGet = new ToolSpec("http_get", Map.of("allow_private", true, "max_bytes", 1_000_000));
    AgentSpec spec = new AgentSpec("janitor-test", "", model, List.of(httpGet), null, null, null);
    AgentWorkflow agent = client.newWorkflowStub(AgentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(queue).build());
    WorkflowClient.start(agent::run, AgentInput.of(spec));
    return agent;
  }

  private static Set<String> references(WorkflowClient client, String id) {
    Set<String> keys = new HashSet<>();
    for (HistoryEvent e : client.fetchHistory(id).getEvents()) {
      BlobJanitorActivitiesImpl.collect(e, keys);
    }
    return keys;
  }

  private static void terminateJanitor(WorkflowClient client) {
    try {
      WorkflowStub janitor = client.newUntypedWorkflowStub(BlobJanitorWorkflow.ID);
      janitor.terminate("test over");
    } catch (RuntimeException notRunning) {
      // Nothing to stop.
    }
  }
}
