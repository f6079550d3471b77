package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.journal.CurrentDetails;
import dev.steward.workflows.agent.timers.Timers;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the Temporal Web UI reads from an agent: a named timer for every wait, and current details telling the story. */
class WebUiStoryTest {

  private static final ToolCall FETCH = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org\"}");
  private static final ToolCall NAP = new ToolCall("c2", "sleep", "{\"duration\":\"2h\"}");

  @Test
  void anApprovalWaitIsANamedTimerCancelledOnceDecided() {
    FakeModel model = new FakeModel(r -> switch (r.step()) {
      case 1 -> new ModelResponse("", List.of(FETCH), new TokenUsage(10, 5));
      case 2 -> new ModelResponse("", List.of(NAP), new TokenUsage(10, 5));
      default -> FakeModel.reply("found it");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("story", spec(Limits.DEFAULTS, new ApprovalPolicy(List.of("http_get"), 600),
          InboxPolicy.QUEUE, "http_get", "sleep"));
      CompletableFuture<TurnOutcome> turn = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("look it up")));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());

      assertThat(currentDetails(kit)).isEqualTo("""
          **turn 1** · waiting for approval of http_get (call c1)

          **last message** (turn 1, user): look it up \s
          **last reply** none yet""");
      agent.decide(new Decision("c1", true, null, "ada"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING);
      assertThat(currentDetails(kit)).startsWith("**turn 1** · sleeping 2h (call c2)");
      kit.env.sleep(Duration.ofHours(2).plusMinutes(1));
      assertThat(turn.join().reply()).isEqualTo("found it");

      List<HistoryEvent> events = kit.client.fetchHistory("story").getHistory().getEventsList();
      List<String> timers = events.stream().filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
          .map(WebUiStoryTest::summary).toList();
      assertThat(timers).containsExactly("approval deadline · approval of http_get c1 · turn 1", "sleep 2h · turn 1");
      // The approval's timer ends with the decision; only the sleep's fires.
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED).hasSize(1);
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED).hasSize(1);
      assertThat(currentDetails(kit)).isEqualTo("""
          **turn 1** · waiting for a message

          **last message** (turn 1, user): look it up \s
          **last reply** (turn 1, fake/test-1): found it""");
    }
  }

  @Test
  void aQuestionsDeadlineAndTheNextScheduleFiringAreNamedTimers() {
    ToolCall question = new ToolCall("q1", "ask_human", "{\"question\":\"Which *city*?\",\"timeout_seconds\":3600}");
    FakeModel model = new FakeModel(r -> r.step() == 1
        ? new ModelResponse("", List.of(question), new TokenUsage(10, 5)) : FakeModel.reply("off to " + FakeModel.toolResults(r)));
    AgentSpec spec = new AgentSpec("tester", "", new ModelSpec("fake", "test-1", null, null, null, null, null, null, null),
        List.of(ToolSpec.of("ask_human")), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE, List.of(), null, null,
        null, null, List.of(new ScheduleSpec("daily", null, "1d", null, "daily check")));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("story", spec);
      CompletableFuture<TurnOutcome> turn = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("plan a trip")));
      await().until(() -> !agent.snapshot().pendingQuestions().isEmpty());
      assertThat(currentDetails(kit)).startsWith("**turn 1** · waiting for an answer to: Which \\*city\\*?");
      agent.answer(new Answer("q1", "Lisbon", "ada"));
      assertThat(turn.join().reply()).isEqualTo("off to Lisbon");

      List<HistoryEvent> events = kit.client.fetchHistory("story").getHistory().getEventsList();
      assertThat(events).filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
          .extracting(WebUiStoryTest::summary)
          .containsExactly("schedule daily · next firing", "answer deadline · ask_human \"Which *city*?\" · turn 1");
    }
  }

  @Test
  void parallelCallsAreAllListedInTheCurrentDetails() {
    ToolCall other = new ToolCall("c3", "http_get", "{\"url\":\"https://example.com\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH, other), FakeTools.named())) {
      AgentWorkflow agent = kit.start("story", spec(Limits.DEFAULTS, new ApprovalPolicy(List.of("http_get"), 600),
          InboxPolicy.QUEUE, "http_get"));
      CompletableFuture<TurnOutcome> turn = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("both")));
      await().until(() -> agent.snapshot().pendingApprovals().size() == 2);

      assertThat(currentDetails(kit)).startsWith("""
          **turn 1** · 2 tool calls running:
          - waiting for approval of http_get (call c1)
          - waiting for approval of http_get (call c3)""");
      agent.decide(new Decision("c1", false, null, "ada"));
      await().until(() -> agent.snapshot().pendingApprovals().size() == 1);
      assertThat(currentDetails(kit)).startsWith("**turn 1** · waiting for approval of http_get (call c3)");
      agent.decide(new Decision("c3", false, null, "ada"));
      assertThat(turn.join().completed()).isTrue();
    }
  }

  @Test
  void textFromPeopleAndModelsIsNotMarkdown() {
    assertThat(CurrentDetails.escape("**bold** <b>x</b> `code` [link](u) http_get"))
        .isEqualTo("\\*\\*bold\\*\\* \\<b\\>x\\</b\\> \\`code\\` \\[link\\](u) http_get");
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(Timers.human(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(Timers.human(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(Timers.human(Duration.ofDays(7))).isEqualTo("7d");
  }

  private static String currentDetails(AgentTestKit kit) {
    return kit.untyped("story").query("__temporal_workflow_metadata", WorkflowMetadata.class).getCurrentDetails();
  }

  private static String summary(HistoryEvent e) {
    return e.hasUserMetadata() && e.getUserMetadata().hasSummary()
        ? DefaultDataConverter.STANDARD_INSTANCE.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class)
        : "(no summary)";
  }
}
