package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One version marker per run at most (the epochs {@code all-changes-through-folded-entries}, then
 * {@code all-changes-through-turn-thread}, {@code all-changes-through-status-known}, and so on):
 * every way an agent's run starts from an input without a written epoch asks the newest epoch in its
 * first workflow task and records no marker for the ids it covers; an input this code writes takes
 * its epoch without one ({@link WrittenEpochTest}). The first epoch covers the ids of the histories
 * recorded before it.
 */
class VersionsTest {

  @Test
  void anAgentStartedByThisCodeRecordsNoVersionMarkerAndReplays() throws Exception {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("epoch-written", AgentTestKit.spec("current_time"));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      agent.stop("done");
      kit.untyped("epoch-written").getResult(AgentResult.class);
      WorkflowExecutionHistory history = kit.client.fetchHistory("epoch-written");
      assertThat(Histories.changeIds(history.toJson(false))).isEmpty();
      // current_time ran as a local activity: a replay that settled on no epoch would run an activity.
      try (Histories.Replayer replayer = new Histories.Replayer(AgentWorkflowImpl.class)) {
        replayer.replay(history.toJson(false));
      }
    }
  }

  @Test
  void aStartedAgentRecordsOnlyTheEpochInItsFirstWorkflowTask() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("epoch-start", unwritten(AgentTestKit.spec("current_time")));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      agent.stop("done");
      kit.untyped("epoch-start").getResult(AgentResult.class);
      assertOneEpochMarkerInFirstTask(kit.client.fetchHistory("epoch-start"));
    }
  }

  @Test
  void signalWithStartAsksTheEpochBeforeTheSignalIsHandled() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      WorkflowStub stub = kit.client.newUntypedWorkflowStub(AgentWorkflow.TYPE, options("epoch-signal"));
      stub.signalWithStart("send", new Object[] {UserMessage.of("what time is it")},
          new Object[] {unwritten(AgentTestKit.spec("current_time"))});
      await().until(() -> kit.existing("epoch-signal").snapshot().turn() >= 1
          && kit.existing("epoch-signal").snapshot().status() == AgentStatus.IDLE);
      kit.existing("epoch-signal").stop("done");
      stub.getResult(AgentResult.class);
      assertOneEpochMarkerInFirstTask(kit.client.fetchHistory("epoch-signal"));
    }
  }

  @Test
  void updateWithStartAsksTheEpochBeforeTheUpdateIsHandled() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      TurnOutcome outcome = kit.startWithAsk("epoch-update", unwritten(AgentTestKit.spec("current_time")),
          UserMessage.of("what time is it"));
      assertThat(outcome.completed()).isTrue();
      kit.existing("epoch-update").stop("done");
      kit.untyped("epoch-update").getResult(AgentResult.class);
      assertOneEpochMarkerInFirstTask(kit.client.fetchHistory("epoch-update"));
    }
  }

  @Test
  void theEpochCoversTheIdsOfHistoriesRecordedBeforeIt() {
    Set<String> before = new TreeSet<>();
    Set<String> under = new TreeSet<>();
    Set<String> underSecond = new TreeSet<>();
    Set<String> underThird = new TreeSet<>();
    Set<String> underFourth = new TreeSet<>();
    Set<String> underFifth = new TreeSet<>();
    Set<String> underSixth = new TreeSet<>();
    Set<String> underSeventh = new TreeSet<>();
    Set<String> underEighth = new TreeSet<>();
    Set<String> underNinth = new TreeSet<>();
    for (Map.Entry<String, String> h : Histories.all().entrySet()) {
      Set<String> ids = Histories.changeIds(h.getValue());
      (ids.contains(ChangeIds.ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS) ? underNinth
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_ASK_AT_START) ? underEighth
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER) ? underSeventh
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD) ? underSixth
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME) ? underFifth
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES) ? underFourth
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_STATUS_KNOWN) ? underThird
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_TURN_THREAD) ? underSecond
          : ids.contains(ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES) ? under : before).addAll(ids);
    }
    // Every covered id is in a history from before the epoch (agents that asked it on its own), and
    // the set never grows: a history recorded under the epoch ran exactly these 20 at version 1.
    // Histories recorded later without the epoch (an id added after it, on another branch) may hold more.
    assertThat(before).as("ids of histories without the epoch").containsAll(Versions.addedBy(1));
    assertThat(Versions.addedBy(1)).hasSize(20).doesNotContain(ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES);
    assertThat(under).as("histories with the epoch hold no covered id's marker")
        .doesNotContainAnyElementsOf(Versions.addedBy(1))
        .contains(ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES);
    // The second epoch: its marker, neither the first epoch's nor any id either epoch covers; only
    // an id it does not cover (events-in-segments, asked on its own in runs that write segments).
    assertThat(Versions.addedBy(2)).containsExactly(ChangeIds.TURN_ON_ITS_OWN_THREAD);
    assertThat(underSecond).as("histories with the second epoch hold its marker and uncovered ids only")
        .containsExactlyInAnyOrder(ChangeIds.ALL_CHANGES_THROUGH_TURN_THREAD, ChangeIds.EVENTS_IN_SEGMENTS);
    // The third epoch covers that one too, and status-known-from-start: its marker alone.
    assertThat(Versions.addedBy(3))
        .containsExactlyInAnyOrder(ChangeIds.EVENTS_IN_SEGMENTS, ChangeIds.STATUS_KNOWN_FROM_START);
    assertThat(underThird).as("histories with the third epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_STATUS_KNOWN);
    // The fourth: usage-attributes-at-first-publish, and again its marker alone.
    assertThat(Versions.addedBy(4)).containsExactly(ChangeIds.USAGE_ATTRIBUTES_AT_FIRST_PUBLISH);
    assertThat(underFourth).as("histories with the fourth epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES);
    // The fifth: current-time-as-local-activity, its marker alone.
    assertThat(Versions.addedBy(5)).containsExactly(ChangeIds.CURRENT_TIME_AS_LOCAL_ACTIVITY);
    assertThat(underFifth).as("histories with the fifth epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME);
    // The sixth: single-tool-call-on-turn-thread, its marker alone.
    assertThat(Versions.addedBy(6)).containsExactly(ChangeIds.SINGLE_TOOL_CALL_ON_TURN_THREAD);
    assertThat(underSixth).as("histories with the sixth epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD);
    // The seventh: ask-turn-on-its-handler, its marker alone.
    assertThat(Versions.addedBy(7)).containsExactly(ChangeIds.ASK_TURN_ON_ITS_HANDLER);
    assertThat(underSeventh).as("histories with the seventh epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER);
    // The eighth: ask-at-start-runs-its-turn, its marker alone (where the input did not name it).
    assertThat(Versions.addedBy(8)).containsExactly(ChangeIds.ASK_AT_START_RUNS_ITS_TURN);
    assertThat(underEighth).as("histories with the eighth epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_ASK_AT_START);
    // The ninth: ask-after-signals-of-its-task, its marker alone (where the input did not name it).
    assertThat(Versions.addedBy(9)).containsExactly(ChangeIds.ASK_AFTER_SIGNALS_OF_ITS_TASK);
    assertThat(underNinth).as("histories with the ninth epoch hold only its marker")
        .containsExactly(ChangeIds.ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS);
  }

  @Test
  void aHistoryHoldsAtMostOneEpochMarker() {
    // An older epoch is asked only when the newer ones answered DEFAULT_VERSION, which records nothing.
    for (Map.Entry<String, String> h : Histories.all().entrySet()) {
      Set<String> ids = Histories.changeIds(h.getValue());
      long epochs = ids.stream().filter(id -> id.startsWith("all-changes-through-")).count();
      assertThat(epochs).as("epoch markers in %s", h.getKey()).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void aThirdEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.STATUS_KNOWN_FROM_START, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-status-known").hasMessageContaining("new change id");
  }

  @Test
  void aFourthEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.USAGE_ATTRIBUTES_AT_FIRST_PUBLISH, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-usage-attributes").hasMessageContaining("new change id");
  }

  @Test
  void aFifthEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.CURRENT_TIME_AS_LOCAL_ACTIVITY, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-local-current-time").hasMessageContaining("new change id");
  }

  @Test
  void aSixthEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.SINGLE_TOOL_CALL_ON_TURN_THREAD, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-single-call-on-turn-thread").hasMessageContaining("new change id");
  }

  @Test
  void aSeventhEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.ASK_TURN_ON_ITS_HANDLER, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-ask-turn-on-handler").hasMessageContaining("new change id");
  }

  @Test
  void anEighthEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.ASK_AT_START_RUNS_ITS_TURN, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-ask-at-start").hasMessageContaining("new change id");
  }

  @Test
  void aNinthEpochIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.ASK_AFTER_SIGNALS_OF_ITS_TASK, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("all-changes-through-ask-after-signals").hasMessageContaining("new change id");
  }

  @Test
  void aCoveredIdCannotTakeAFurtherVersion() {
    assertThatThrownBy(() -> Versions.atLeast(ChangeIds.CANCEL_IS_STOP, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cancel-is-stop").hasMessageContaining("new change id");
  }

  /** An input as a starter that does not write the epoch sends it (another client, or an older one). */
  private static AgentInput unwritten(AgentSpec spec) {
    return new AgentInput(spec, AgentInput.DEFAULT_TENANT, 0, null, null, 0);
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(AgentTestKit.QUEUE)
        .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "IDLE").build())
        .build();
  }

  /**
   * The run's version markers are the newest epoch alone, recorded by its first workflow task
   * (current_time's local activity leaves a marker of another name).
   */
  private static void assertOneEpochMarkerInFirstTask(WorkflowExecutionHistory history) {
    List<HistoryEvent> events = history.getEvents();
    long firstTaskCompleted = events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .findFirst().orElseThrow().getEventId();
    List<HistoryEvent> markers = events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filter(e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("Version")).toList();
    assertThat(markers).singleElement().satisfies(m -> {
      String changeId = DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(0,
          Optional.of(m.getMarkerRecordedEventAttributes().getDetailsOrThrow("changeId")),
          String.class, String.class);
      assertThat(changeId).isEqualTo(Versions.epochId(Versions.newest()));
      // Commands of a task follow its completion event: the next task's start comes after.
      assertThat(m.getEventId()).isGreaterThan(firstTaskCompleted);
      assertThat(events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
          .skip(1).findFirst().map(HistoryEvent::getEventId).orElse(Long.MAX_VALUE)).isGreaterThan(m.getEventId());
    });
  }
}
