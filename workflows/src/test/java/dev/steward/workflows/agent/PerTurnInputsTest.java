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
 * What a turn writes into the history for its model and tool calls (issue 15, "history bytes, second
 * cut"): no agent id (the activity reads its workflow id), the turn in the tool's input, no defaults;
 * and the activities still see the agent, with the idempotency key of before.
 */
class PerTurnInputsTest {

  @Test
  void inputsLeaveOutTheAgentAndTheActivitiesStillKnowIt() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "http_get", "{\"url\":\"https://example.org\"}"));
    FakeTools tools = FakeTools.named();
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start("per-turn-inputs", AgentTestKit.spec("http_get"));
      String runId = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      TurnOutcome outcome = agent.ask(UserMessage.of("what time is it?"));
      assertThat(outcome.completed()).isTrue();

      List<HistoryEvent> events = kit.client.fetchHistory("per-turn-inputs").getEvents();
      List<String> modelInputs = inputs(events, "Model");
      List<String> toolInputs = inputs(events, "Tool");
      assertThat(modelInputs).hasSize(2).allSatisfy(input -> assertThat(input)
          .doesNotContain("agentId", "per-turn-inputs", "modelIndex").contains("\"turn\":1"));
      assertThat(toolInputs).singleElement().satisfies(input -> assertThat(input)
          .doesNotContain("agentId", "per-turn-inputs", "options").contains("\"turn\":1", "\"incarnation\":\"" + runId));

      // The activities read the agent from their workflow id: the key a server sees is the one of before.
      assertThat(model.requests).allSatisfy(r -> assertThat(r.agentId()).isEqualTo("per-turn-inputs"));
      ToolInvocation seen = tools.calls.get(0);
      assertThat(seen.agentId()).isEqualTo("per-turn-inputs");
      assertThat(seen.turn()).isEqualTo(1);
      assertThat(seen.idempotencyKey()).isEqualTo("per-turn-inputs/" + runId + "/c1");

      String completed = events.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED)
          .map(e -> e.getWorkflowExecutionUpdateCompletedEventAttributes().getOutcome().getSuccess()
              .getPayloads(0).getData().toStringUtf8())
          .findFirst().orElseThrow();
      assertThat(completed).doesNotContain("\"error\"", "cachedInputTokens", "costUsd");
      String accepted = events.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
          .map(e -> e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput().getArgs()
              .getPayloads(0).getData().toStringUtf8())
          .findFirst().orElseThrow();
      assertThat(accepted).isEqualTo("{\"text\":\"what time is it?\"}");
    }
  }

  private static List<String> inputs(List<HistoryEvent> events, String activityType) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activityType))
        .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0).getData().toStringUtf8())
        .toList();
  }
}
