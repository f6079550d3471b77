package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The epoch a run's starter writes in its input ({@link AgentInput#changeEpoch}): taken without a
 * version marker the first time the run's first workflow task runs, and read back from the run's own
 * history when it is replayed. The probe starts as many timers as its epoch in that task, so a replay
 * that settles on another epoch fails; each test shows one that does.
 */
class WrittenEpochTest {

  private static final String QUEUE = "written-epoch";

  /** How the probe settles its epoch in the task's next execution. */
  private static volatile Settle settle = Settle.AS_STEWARD_DOES;

  enum Settle {
    AS_STEWARD_DOES,
    /** As a worker of the sixth epoch that does not read the written one would: its own marker. */
    AS_A_SIXTH_EPOCH_WORKER,
    /** Wrong: the written epoch, whatever the markers say. */
    TRUSTING_THE_WRITTEN_EPOCH,
    /** Wrong: the markers only, as before starters wrote the epoch. */
    IGNORING_THE_WRITTEN_EPOCH
  }

  private TestWorkflowEnvironment env;

  @BeforeEach
  void startServer() {
    settle = Settle.AS_STEWARD_DOES;
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(QUEUE).registerWorkflowImplementationTypes(EpochProbeImpl.class);
    env.start();
  }

  @AfterEach
  void stopServer() {
    settle = Settle.AS_STEWARD_DOES;
    env.close();
  }

  @Test
  void aWrittenEpochThisCodeKnowsIsTakenWithoutAMarkerAndReadBackOnReplay() throws Exception {
    WorkflowExecutionHistory history = run("known", Versions.newest());
    assertThat(Histories.changeIds(history.toJson(false))).isEmpty();
    assertThat(timers(history)).isEqualTo(Versions.newest());
    assertOnlyStewardsWayReplays(history, Settle.IGNORING_THE_WRITTEN_EPOCH, "a replay that asks the markers only");
  }

  @Test
  void aRunWhoseFirstTaskAWorkerThatDidNotReadTheEpochRanKeepsThatWorkersEpoch() throws Exception {
    settle = Settle.AS_A_SIXTH_EPOCH_WORKER;
    WorkflowExecutionHistory history = run("older-worker", Versions.newest());
    assertThat(Histories.changeIds(history.toJson(false))).containsExactly(Versions.epochId(6));
    assertThat(timers(history)).isEqualTo(6);
    assertOnlyStewardsWayReplays(history, Settle.TRUSTING_THE_WRITTEN_EPOCH,
        "a replay that takes the written epoch over the marker");
  }

  /** {@code history} replays as Steward settles the epoch, and fails with a non-determinism error the {@code other} way. */
  private static void assertOnlyStewardsWayReplays(WorkflowExecutionHistory history, Settle other, String described)
      throws Exception {
    settle = Settle.AS_STEWARD_DOES;
    replay(history);
    settle = other;
    assertThatThrownBy(() -> replay(history)).as(described).hasMessageContaining("NonDeterministicException");
  }

  @Test
  void anInputWithoutAnEpochAsksAndRecordsTheNewest() throws Exception {
    assertAsksAndRecordsTheNewest("none", 0);
  }

  @Test
  void anEpochNewerThanThisCodeIsAskedAsIfNoneWereWritten() throws Exception {
    assertAsksAndRecordsTheNewest("newer", Versions.newest() + 1);
  }

  @Test
  void anEpochOlderThanAnyStarterWroteIsAskedAsIfNoneWereWritten() throws Exception {
    assertAsksAndRecordsTheNewest("older", 3);
  }

  /** A probe whose written epoch counts as none: it asks, records the newest epoch's marker, and replays. */
  private void assertAsksAndRecordsTheNewest(String id, int writtenEpoch) throws Exception {
    WorkflowExecutionHistory history = run(id, writtenEpoch);
    assertThat(Histories.changeIds(history.toJson(false))).containsExactly(Versions.epochId(Versions.newest()));
    assertThat(timers(history)).isEqualTo(Versions.newest());
    replay(history);
  }

  /** Runs a probe to its end: its first task, then a second (a signal), so the first is replayed as recorded. */
  private WorkflowExecutionHistory run(String id, int writtenEpoch) {
    EpochProbe probe = env.getWorkflowClient().newWorkflowStub(EpochProbe.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE).build());
    WorkflowClient.start(probe::run, writtenEpoch);
    // After the first task, or the signal would join it: a history's last task is never a replay.
    await().until(() -> env.getWorkflowClient().fetchHistory(id).getEvents().stream()
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED));
    probe.finish();
    WorkflowStub.fromTyped(probe).getResult(Void.class);
    return env.getWorkflowClient().fetchHistory(id);
  }

  private static void replay(WorkflowExecutionHistory history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history, EpochProbeImpl.class);
  }

  private static long timers(WorkflowExecutionHistory history) {
    return history.getEvents().stream().filter(e -> e.hasTimerStartedEventAttributes()).count();
  }

  @WorkflowInterface
  public interface EpochProbe {
    @WorkflowMethod
    void run(int writtenEpoch);

    @SignalMethod
    void finish();
  }

  public static class EpochProbeImpl implements EpochProbe {

    private final int epoch;
    private boolean finished;

    @WorkflowInit
    public EpochProbeImpl(int writtenEpoch) {
      switch (settle) {
        case AS_A_SIXTH_EPOCH_WORKER -> {
          Workflow.getVersion(Versions.epochId(6), Workflow.DEFAULT_VERSION, 1);
          epoch = 6;
        }
        case TRUSTING_THE_WRITTEN_EPOCH -> epoch = writtenEpoch;
        case IGNORING_THE_WRITTEN_EPOCH -> {
          Versions.begin(0);
          epoch = Versions.epoch();
        }
        default -> {
          Versions.begin(writtenEpoch);
          epoch = Versions.epoch();
        }
      }
    }

    @Override
    public void run(int writtenEpoch) {
      for (int i = 0; i < epoch; i++) {
        Workflow.newTimer(Duration.ofDays(1));
      }
      Workflow.await(() -> finished);
    }

    @Override
    public void finish() {
      finished = true;
    }
  }
}
