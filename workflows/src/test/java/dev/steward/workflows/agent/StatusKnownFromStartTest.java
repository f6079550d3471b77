package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ToolCall;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run's first status publish (change id {@code status-known-from-start}): no upsert when the
 * {@code StewardStatus} the run started with already says so, one when it says something else.
 */
class StatusKnownFromStartTest {

  @Test
  void aNewAgentStartedIdleUpsertsNoStatusInItsFirstWorkflowTask() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("status-idle", AgentTestKit.spec("current_time"));
      // Answered once the first workflow task is done, so the question lands in a later one.
      await().until(() -> agent.snapshot().status() == AgentStatus.IDLE);
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      agent.stop("done");
      kit.untyped("status-idle").getResult(AgentResult.class);
      WorkflowExecutionHistory history = kit.client.fetchHistory("status-idle");
      // Nothing at all: the input names the epoch (no version marker), the start already said IDLE.
      assertThat(firstTaskCommands(history)).isEmpty();
      // The turn still publishes RUNNING and back: lists see every status after the start's IDLE.
      assertThat(history.getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)).isNotEmpty();
    }
  }

  @Test
  void anAgentStartedWithAnotherStatusUpsertsIdleInItsFirstWorkflowTask() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.client.newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("status-stale").setTaskQueue(AgentTestKit.QUEUE)
              .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "RUNNING").build())
              .build());
      WorkflowClient.start(agent::run, AgentInput.of(AgentTestKit.spec("current_time")));
      await().until(() -> agent.snapshot().status() == AgentStatus.IDLE);
      agent.stop("done");
      kit.untyped("status-stale").getResult(AgentResult.class);
      assertThat(firstTaskCommands(kit.client.fetchHistory("status-stale")))
          .containsExactly(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
    }
  }

  /** The events the first workflow task's commands made: those after its completion, before the next task. */
  private static List<EventType> firstTaskCommands(WorkflowExecutionHistory history) {
    List<HistoryEvent> events = history.getEvents();
    int completed = 0;
    while (events.get(completed).getEventType() != EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
      completed++;
    }
    return events.subList(completed + 1, events.size()).stream().map(HistoryEvent::getEventType)
        .takeWhile(t -> t != EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
            && t != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
            && t != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
            && t != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
        .toList();
  }
}
