package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.ToolInvocation;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code current_time} runs as a local activity (change id {@code current-time-as-local-activity}):
 * inside the workflow task that asked for it, so its turn takes one workflow task and one activity
 * fewer, and the tool still sees its agent and its idempotency key.
 */
class LocalToolsTest {

  @Test
  void currentTimeRunsInTheWorkflowTaskThatAskedForIt() {
    FakeTools tools = FakeTools.named();
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start("local-time", AgentTestKit.spec("current_time"));
      String runId = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      TurnOutcome outcome = agent.ask(UserMessage.of("what time is it?"));
      assertThat(outcome.reply()).isEqualTo("done: current_time ok");

      List<HistoryEvent> events = kit.client.fetchHistory("local-time").getEvents();
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
          .extracting(e -> e.getMarkerRecordedEventAttributes().getMarkerName())
          .containsExactly("LocalActivity");
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          .extracting(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
          .containsExactly("Model", "Model");
      // After the task that took the ask, two: the model's tool call (the tool within it), then the reply.
      long accepted = events.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
          .findFirst().orElseThrow().getEventId();
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
          && e.getEventId() > accepted).hasSize(2);

      ToolInvocation seen = tools.calls.get(0);
      assertThat(seen.agentId()).isEqualTo("local-time");
      assertThat(seen.idempotencyKey()).isEqualTo("local-time/" + runId + "/c1");
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text).contains("current_time ok");
    }
  }
}
