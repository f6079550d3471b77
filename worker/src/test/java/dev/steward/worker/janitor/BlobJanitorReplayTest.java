package dev.steward.worker.janitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The janitor's workflow code replays its committed history (three sweeps, the third failed), so a
 * change to it that alters its commands shows here. Record a new history with
 * {@code -Dsteward.recordHistories=true -Dtest=BlobJanitorReplayTest}.
 */
class BlobJanitorReplayTest {

  private static final String HISTORY = "histories/blob-janitor-v1.json";

  @Test
  void theCommittedHistoryReplays() throws Exception {
    String json;
    try (var in = getClass().getClassLoader().getResourceAsStream(HISTORY)) {
      assertThat(in).as(HISTORY).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), BlobJanitorWorkflowImpl.class);
  }

  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void record() throws Exception {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    try {
      Worker worker = env.newWorker("janitor");
      worker.registerWorkflowImplementationTypes(BlobJanitorWorkflowImpl.class);
      AtomicInteger sweeps = new AtomicInteger();
      worker.registerActivitiesImplementations((BlobJanitorActivities) retention -> {
        if (sweeps.incrementAndGet() == 3) {
          throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("no visibility", "BlobJanitorBlind");
        }
        return new SweepReport(10, 4, 1, 3, 2, null);
      });
      env.start();
      BlobJanitorWorkflow janitor = env.getWorkflowClient().newWorkflowStub(BlobJanitorWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(BlobJanitorWorkflow.ID).setTaskQueue("janitor").build());
      WorkflowClient.start(janitor::run, 86_400L, 60L);
      env.sleep(Duration.ofSeconds(150));
      assertThat(janitor.lastSweep().error()).isEqualTo("no visibility");
      WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(BlobJanitorWorkflow.ID);
      Files.writeString(Path.of("src/test/resources", HISTORY), history.toJson(true));
    } finally {
      env.close();
    }
  }
}
