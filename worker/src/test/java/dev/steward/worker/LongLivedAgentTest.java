package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import dev.steward.workflows.memory.TranscriptReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An agent that lives for 2,000 turns on the scripted model: its transcript is complete and in
 * order, and every run of its history stays well inside Temporal's limits.
 */
class LongLivedAgentTest {

  private static final int TURNS = 2_000;
  private static final int MAX_EVENTS = 10_240;
  private static final long MAX_BYTES = 10L * 1024 * 1024;
  private static final TranscriptReader SEGMENTS = new TranscriptReader(BlobSegmentStore.fromEnvironment(System.getenv()));

  @Test
  void twoThousandTurnsKeepACompleteTranscriptAndBoundedHistories() {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue("long-lived");
    try (StewardWorker worker = StewardWorker.create(env.getWorkflowClient(), settings).start()) {
      WorkflowClient client = env.getWorkflowClient();
      AgentWorkflow agent = client.newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("long-lived").setTaskQueue(settings.taskQueue()).build());
      WorkflowClient.start(agent::run, AgentInput.of(spec()));

      for (int i = 1; i <= TURNS; i++) {
        agent.ask(UserMessage.of("message " + i));
      }

      List<TranscriptEntry> transcript = all(agent);
      List<String> asked = transcript.stream().filter(e -> e.kind() == TranscriptEntry.Kind.USER)
          .map(TranscriptEntry::text).toList();
      assertThat(asked).hasSize(TURNS);
      for (int i = 0; i < TURNS; i++) {
        assertThat(asked.get(i)).isEqualTo("message " + (i + 1));
      }
      assertThat(transcript).filteredOn(e -> e.kind() == TranscriptEntry.Kind.ASSISTANT).hasSize(TURNS);
      assertThat(agent.snapshot().runs()).isGreaterThan(1);
      assertThat(agent.snapshot().summary()).contains("asked: message");
      assertThat(agent.snapshot().compactedThroughSeq()).isGreaterThan(3_000);

      List<WorkflowExecutionHistory> runs = runs(client, "long-lived");
      assertThat(runs).hasSize(agent.snapshot().runs());
      for (WorkflowExecutionHistory run : runs) {
        long bytes = run.getEvents().stream().mapToLong(HistoryEvent::getSerializedSize).sum();
        assertThat(run.getEvents().size()).isLessThan(MAX_EVENTS);
        assertThat(bytes).isLessThan(MAX_BYTES);
      }
      assertThat(agent.checkpoint(0).state().transcript()).as("entries the agent holds").hasSizeLessThan(1_000);
      agent.stop("done");
    } finally {
      env.close();
    }
  }

  private static List<TranscriptEntry> all(AgentWorkflow agent) {
    List<TranscriptEntry> all = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      // Older entries are in segments in this process's blob store, where the worker wrote them.
      TranscriptPage page = SEGMENTS.resolve(agent.transcript(next, 500), next, 500);
      all.addAll(page.entries());
      next = page.nextSeq();
    }
    return all;
  }

  /** Every run of the agent, newest first, following each run back to the one it continued. */
  private static List<WorkflowExecutionHistory> runs(WorkflowClient client, String id) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = client.fetchHistory(id);
    while (true) {
      runs.add(run);
      String previous = run.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return runs;
      }
      run = client.fetchHistory(id, previous);
    }
  }

  private static AgentSpec spec() {
    ScriptedTurn turn = new ScriptedTurn(null, List.of(new ScriptedStep("noted: {{input}}", List.of())));
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of("chunk_pause_ms", 0),
        List.of(turn));
    // A small context budget, so compaction runs many times along the way.
    MemorySpec memory = new MemorySpec(List.of(), 2_000, null, null);
    return new AgentSpec("long-lived", "", model, List.of(), null, null, null, List.of(), memory);
  }
}
