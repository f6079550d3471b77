package dev.steward.workflows.agent;

import dev.steward.workflows.model.ToolCall;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * History bytes of an agent's first workflow task and version markers per run, for docs/BENCHMARKS.md
 * (the epoch, change id {@code all-changes-through-folded-entries}); not in CI:
 * {@code ./mvnw -B -pl workflows -am verify -Dtest=FirstTaskBytesBench -Dsurefire.failIfNoSpecifiedTests=false -Dsteward.bench=true}.
 * One agent is started with an {@code ask} (update-with-start: the first task runs the first turn
 * up to its tool call), answers it after one tool call, answers a second {@code ask} and stops.
 */
@EnabledIfSystemProperty(named = "steward.bench", matches = "true")
class FirstTaskBytesBench {

  @Test
  void firstTaskBytesAndMarkers() throws Exception {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    String id = "first-task-bytes";
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      WorkflowStub stub = kit.client.newUntypedWorkflowStub(AgentWorkflow.TYPE, WorkflowOptions.newBuilder()
          .setWorkflowId(id).setTaskQueue(AgentTestKit.QUEUE)
          .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
          .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "IDLE").build())
          .build());
      UpdateOptions<TurnOutcome> ask = UpdateOptions.newBuilder(TurnOutcome.class).setUpdateName("ask")
          .setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
      stub.startUpdateWithStart(ask, new Object[] {UserMessage.of("what time is it")},
          new Object[] {AgentInput.of(AgentTestKit.spec("current_time"))}).getResult();
      kit.existing(id).ask(UserMessage.of("and now"));
      kit.existing(id).stop("measured");
      stub.getResult(AgentResult.class);
      List<HistoryEvent> events = kit.client.fetchHistory(id).getEvents();
      long firstTask = 0;
      int tasks = 0;
      for (HistoryEvent e : events) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && ++tasks == 2) {
          break;
        }
        firstTask += e.getSerializedSize();
      }
      long all = events.stream().mapToLong(HistoryEvent::getSerializedSize).sum();
      List<HistoryEvent> markers = events.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED).toList();
      String line = String.format(Locale.ROOT,
          "first workflow task: %,d bytes; whole run: %,d events, %,d bytes; version markers: %d (%,d bytes)%n",
          firstTask, events.size(), all, markers.size(), markers.stream().mapToLong(HistoryEvent::getSerializedSize).sum());
      System.out.print(line);
      Files.writeString(Path.of("target", "first-task-bytes.md"), line);
    }
  }
}
