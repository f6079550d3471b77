package dev.steward.workflows.agent;

import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * History bytes of an agent's first workflow task and version markers per run, for docs/BENCHMARKS.md
 * (one marker per run: the newest epoch, see {@link Versions}); not in CI:
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

  /**
   * A plain start (the client's start with {@code StewardStatus=IDLE}, no message): the commands and
   * history bytes of the first workflow task (change id {@code status-known-from-start}, issue 15).
   */
  @Test
  void plainStartFirstTask() throws Exception {
    String id = "first-task-plain";
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(), FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, AgentTestKit.spec("current_time"));
      await().until(() -> agent.snapshot().status() == AgentStatus.IDLE);
      List<HistoryEvent> events = kit.client.fetchHistory(id).getEvents();
      List<String> commands = new ArrayList<>();
      long bytes = 0;
      boolean completed = false;
      for (HistoryEvent e : events) {
        bytes += e.getSerializedSize();
        if (completed) {
          commands.add(e.getEventType().name().replace("EVENT_TYPE_", ""));
        }
        completed |= e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
      }
      String line = String.format(Locale.ROOT, "plain start, first workflow task: %d events, %,d bytes; commands %s%n",
          events.size(), bytes, commands);
      System.out.print(line);
      Files.writeString(Path.of("target", "first-task-plain.md"), line);
      agent.stop("measured");
      kit.untyped(id).getResult(AgentResult.class);
    }
  }
}
