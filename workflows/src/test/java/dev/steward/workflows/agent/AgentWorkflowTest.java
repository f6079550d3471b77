package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.agent.steps.ToolStep;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.Price;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AgentWorkflowTest {

  private static final ToolCall TIME = new ToolCall("c1", "current_time", "{}");
  private static final ToolCall FETCH = new ToolCall("c2", "http_get", "{\"url\":\"https://example.org\"}");
  /** A tool call that runs as an activity (current_time runs locally): the tests that hold a tool in flight use it. */
  private static final ToolCall SLOW = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org/slow\"}");

  @Test
  void answersEachMessageInItsOwnTurnAndCountsUsage() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-echo", spec());
      TurnOutcome first = agent.ask(UserMessage.of("hello"));
      TurnOutcome second = agent.ask(UserMessage.of("again"));

      assertThat(first.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      assertThat(first.reply()).isEqualTo("re: hello");
      assertThat(second.turn()).isEqualTo(2);
      AgentSnapshot s = agent.snapshot();
      assertThat(s.status()).isEqualTo(AgentStatus.IDLE);
      assertThat(s.usage().tokens()).isEqualTo(new TokenUsage(20, 10));
      assertThat(s.usage().turns()).isEqualTo(2);
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text)
          .containsExactly("hello", "re: hello", "again", "re: again");
    }
  }

  @Test
  void runsTheToolCallsOfOneStepInParallel() {
    CountDownLatch bothStarted = new CountDownLatch(2);
    FakeTools tools = new FakeTools(i -> {
      bothStarted.countDown();
      try {
        // Each call waits for the other: run one after the other, they would both time out.
        return bothStarted.await(20, TimeUnit.SECONDS) ? ToolResult.ok(i.toolName() + " ok") : ToolResult.error("alone");
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
    });
    FakeModel model = FakeModel.callingTools(TIME, FETCH);
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      TurnOutcome out = kit.start("a-par", spec("current_time", "http_get")).ask(UserMessage.of("go"));

      assertThat(out.reply()).isEqualTo("done: current_time ok|http_get ok");
      assertThat(tools.calls).hasSize(2);
      assertThat(model.requests.get(1).messages()).extracting(m -> m.toolCallId()).containsSubsequence("c1", "c2");
    }
  }

  @Test
  void anApprovedCallRuns() {
    FakeTools tools = FakeTools.named();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), tools)) {
      AgentWorkflow agent = kit.start("a-approve", approvalSpec());
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("fetch")));
      await().until(() -> agent.snapshot().status() == AgentStatus.WAITING_FOR_APPROVAL);
      assertThat(agent.snapshot().pendingApprovals()).extracting(PendingApproval::callId).containsExactly("c2");
      assertThat(tools.calls).isEmpty();

      agent.decide(new Decision("c2", true, null, "ada"));

      assertThat(reply.join().reply()).isEqualTo("done: http_get ok");
      assertThat(tools.calls).hasSize(1);
    }
  }

  @Test
  void aCallIdTheModelReusesInALaterTurnNeedsItsOwnApprovalAndIdempotencyKey() {
    FakeTools tools = FakeTools.named();
    // This model calls its tool with id c2 in every turn, as some servers number calls afresh.
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), tools)) {
      AgentWorkflow agent = kit.start("a-reused-id", approvalSpec());
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("fetch")));
      await().until(() -> agent.snapshot().status() == AgentStatus.WAITING_FOR_APPROVAL);
      agent.decide(new Decision("c2", true, null, "ada"));
      first.join();

      CompletableFuture<TurnOutcome> second = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("again")));
      await().until(() -> agent.snapshot().status() == AgentStatus.WAITING_FOR_APPROVAL);
      assertThat(agent.snapshot().pendingApprovals()).extracting(PendingApproval::callId).containsExactly("c2-t2s1");
      assertThat(tools.calls).hasSize(1);
      agent.decide(new Decision("c2-t2s1", true, null, "ada"));

      assertThat(second.join().reply()).isEqualTo("done: http_get ok");
      assertThat(tools.calls).extracting(ToolInvocation::idempotencyKey).doesNotHaveDuplicates().hasSize(2);
    }
  }

  @Test
  void anApprovalTimeoutTooLargeForADeadlineIsCappedNotFatal() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-huge-approval", spec(Limits.DEFAULTS,
          new ApprovalPolicy(List.of("http_get"), 100_000_000_000_000_000L), InboxPolicy.QUEUE, "http_get"));
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("fetch")));
      await().until(() -> agent.snapshot().status() == AgentStatus.WAITING_FOR_APPROVAL);

      agent.decide(new Decision("c2", true, null, "ada"));

      assertThat(reply.join().reply()).isEqualTo("done: http_get ok");
    }
  }

  @Test
  void aDeniedCallTellsTheModelWhy() {
    FakeTools tools = FakeTools.named();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), tools)) {
      AgentWorkflow agent = kit.start("a-deny", approvalSpec());
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("fetch")));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());

      agent.decide(new Decision("c2", false, "not that site", "ada"));

      assertThat(reply.join().reply()).isEqualTo("done: a person denied this call (ada): not that site");
      assertThat(tools.calls).isEmpty();
    }
  }

  @Test
  void anUndecidedCallIsDeniedAtTheDeadline() {
    FakeTools tools = FakeTools.named();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), tools)) {
      AgentWorkflow agent = kit.start("a-timeout", approvalSpec());
      agent.send(UserMessage.of("fetch"));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());

      kit.env.sleep(Duration.ofMinutes(11));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      assertThat(agent.snapshot().lastOutcome().reply()).contains("denied").contains("timeout");
      assertThat(tools.calls).isEmpty();
    }
  }

  @Test
  void decisionsOnUnknownOrDecidedCallsAreRejected() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-validate", approvalSpec());
      agent.send(UserMessage.of("fetch"));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());

      assertThatThrownBy(() -> agent.decide(new Decision("nope", true, null, null)))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("no tool call 'nope'");
      agent.decide(new Decision("c2", true, null, "ada"));
      assertThatThrownBy(() -> agent.decide(new Decision("c2", false, null, null)))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("already approved by ada");
    }
  }

  @Test
  void theStepLimitEndsATurnThatKeepsCallingTools() {
    FakeModel model = new FakeModel(r -> new ModelResponse("", List.of(new ToolCall("c" + r.step(), "current_time", "{}")),
        new TokenUsage(1, 1)));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-steps", spec(new Limits(3, 0, 0, 0), ApprovalPolicy.NONE, InboxPolicy.QUEUE, "current_time"));
      TurnOutcome out = agent.ask(UserMessage.of("loop"));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.LIMIT_REACHED);
      assertThat(out.error()).contains("at most 3 model calls");
      assertThat(model.requests).hasSize(3);
    }
  }

  @Test
  void theTurnLimitRefusesMoreMessages() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-turns", spec(new Limits(0, 1, 0, 0), ApprovalPolicy.NONE, InboxPolicy.QUEUE));
      assertThat(agent.ask(UserMessage.of("one")).completed()).isTrue();

      assertThatThrownBy(() -> agent.ask(UserMessage.of("two")))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("turn limit reached");
      agent.send(UserMessage.of("three"));
      await().until(() -> agent.snapshot().lastOutcome().status() == TurnOutcome.Status.LIMIT_REACHED);
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text).contains("three");
    }
  }

  @Test
  void theTokenLimitStopsBeforeTheNextModelCall() {
    FakeModel model = FakeModel.callingTools(TIME);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-tokens", spec(new Limits(0, 0, 15, 0), ApprovalPolicy.NONE, InboxPolicy.QUEUE, "current_time"));
      TurnOutcome out = agent.ask(UserMessage.of("go"));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.LIMIT_REACHED);
      assertThat(out.error()).contains("token budget reached: 15 of 15");
      assertThat(model.requests).hasSize(1);
    }
  }

  @Test
  void theTurnTimeLimitEndsATurnThatSleepsTooLong() {
    ToolCall nap = new ToolCall("s1", "sleep", "{\"duration\":\"2h\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(nap), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-time", spec(new Limits(0, 0, 0, 3600), ApprovalPolicy.NONE, InboxPolicy.QUEUE, "sleep"));
      agent.send(UserMessage.of("nap"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING);
      kit.env.sleep(Duration.ofHours(2).plusMinutes(1));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      assertThat(agent.snapshot().lastOutcome().error()).contains("time limit reached");
    }
  }

  @Test
  void aSevenDaySleepWaitsDurablyAndThenTheTurnGoesOn() {
    ToolCall nap = new ToolCall("s1", "sleep", "{\"duration\":\"7d\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(nap), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-sleep", spec("sleep"));
      agent.send(UserMessage.of("wait a week"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING);

      kit.env.sleep(Duration.ofDays(7).plusMinutes(1));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      assertThat(agent.snapshot().lastOutcome().reply()).isEqualTo("done: {\"slept\":\"PT168H\"}");
      List<TranscriptEntry> t = agent.transcript(1, 100).entries();
      assertThat(t.get(t.size() - 1).timeMillis() - t.get(0).timeMillis()).isGreaterThanOrEqualTo(Duration.ofDays(7).toMillis());
    }
  }

  @Test
  void aMessageMidTurnWaitsForItsOwnTurnUnderTheQueuePolicy() {
    CountDownLatch release = new CountDownLatch(1);
    FakeTools tools = new FakeTools(i -> {
      await().until(() -> release.getCount() == 0);
      return ToolResult.ok("slow ok");
    });
    FakeModel model = new FakeModel(r -> FakeModel.lastUser(r).equals("first") && r.step() == 1
        ? new ModelResponse("", List.of(SLOW), TokenUsage.ZERO)
        : FakeModel.reply("re: " + FakeModel.lastUser(r)));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start("a-queue", spec("http_get"));
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("first")));
      await().until(() -> tools.calls.size() == 1);
      CompletableFuture<TurnOutcome> second = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("second")));
      await().until(() -> agent.snapshot().inbox().size() == 1);
      release.countDown();

      assertThat(first.join().status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      assertThat(first.join().reply()).isEqualTo("re: first");
      assertThat(second.join().reply()).isEqualTo("re: second");
      assertThat(second.join().turn()).isEqualTo(2);
    }
  }

  @Test
  void aMessageMidTurnInterruptsTheTurnUnderTheInterruptPolicy() {
    CountDownLatch release = new CountDownLatch(1);
    FakeTools tools = new FakeTools(i -> {
      await().until(() -> release.getCount() == 0);
      return ToolResult.ok("slow ok");
    });
    FakeModel model = new FakeModel(r -> FakeModel.lastUser(r).equals("first") && r.step() == 1
        ? new ModelResponse("", List.of(SLOW), TokenUsage.ZERO)
        : FakeModel.reply("re: " + FakeModel.lastUser(r)));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start("a-interrupt",
          spec(Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.INTERRUPT, "http_get"));
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("first")));
      await().until(() -> tools.calls.size() == 1);
      CompletableFuture<TurnOutcome> second = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("second")));
      await().until(() -> agent.snapshot().inbox().size() == 1);
      release.countDown();

      assertThat(first.join().status()).isEqualTo(TurnOutcome.Status.INTERRUPTED);
      assertThat(second.join().reply()).isEqualTo("re: second");
      // The interrupted turn's completed tool call stays in the record; nothing is lost.
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text).contains("slow ok", "first", "second");
    }
  }

  @Test
  void aModelThatFailsForGoodEndsTheTurnAndTheAgentLivesOn() {
    ModelActivities model = new FakeModel(r -> {
      if (FakeModel.lastUser(r).equals("bad")) {
        throw ApplicationFailure.newNonRetryableFailure("401 Unauthorized: the key in OPENAI_API_KEY was rejected",
            ModelActivities.NON_RETRYABLE_ERROR);
      }
      return FakeModel.reply("fine");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-fail", spec());
      TurnOutcome bad = agent.ask(UserMessage.of("bad"));

      assertThat(bad.status()).isEqualTo(TurnOutcome.Status.FAILED);
      assertThat(bad.error()).isEqualTo("fake/test-1: 401 Unauthorized: the key in OPENAI_API_KEY was rejected");
      assertThat(agent.snapshot().lastOutcome().error()).contains("401");
      assertThat(agent.ask(UserMessage.of("good")).reply()).isEqualTo("fine");
    }
  }

  @Test
  void unknownToolsBadArgumentsAndFailingToolsGoBackToTheModel() {
    ToolCall unknown = new ToolCall("u1", "rm_rf", "{}");
    ToolCall badSleep = new ToolCall("s1", "sleep", "{\"duration\":\"soon\"");
    ToolCall failing = new ToolCall("f1", "current_time", "{}");
    FakeTools tools = new FakeTools(i -> {
      throw new IllegalStateException("clock is broken");
    });
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(unknown, badSleep, failing), tools)) {
      TurnOutcome out = kit.start("a-errors", spec("current_time", "sleep")).ask(UserMessage.of("go"));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      assertThat(out.reply()).contains("unknown tool 'rm_rf'").contains("invalid arguments for sleep")
          .contains("tool current_time failed after retries: clock is broken");
      assertThat(tools.calls).hasSize(ToolStep.MAX_ATTEMPTS);
    }
  }

  @Test
  void anUnknownToolIsAnsweredWithTheToolNamesTheModelSeesAndMarkedAsAnError() {
    // The model misremembers the wire name of github.create_issue (it lacks the hash).
    FakeModel model = FakeModel.callingTools(new ToolCall("u1", "github_create_issue", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      TurnOutcome out = kit.start("a-wire-names", spec("github.create_issue", "fs.*", "current_time"))
          .ask(UserMessage.of("go"));

      assertThat(out.reply()).isEqualTo("done: unknown tool 'github_create_issue'; the tools you can call are: "
          + ModelToolNames.of("github.create_issue") + ", fs_* (the tools of fs.*), current_time");
      assertThat(ModelToolNames.of("github.create_issue")).matches("github_create_issue_[0-9a-f]{8}");
      ChatMessage result = model.requests.get(1).messages().get(model.requests.get(1).messages().size() - 1);
      assertThat(result.role()).isEqualTo(ChatMessage.Role.TOOL);
      assertThat(result.error()).as("the model is told the call failed").isTrue();
    }
  }

  @Test
  void stopEndsTheAgentAndAnswersWaitingMessages() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(FETCH), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-stop", approvalSpec());
      agent.send(UserMessage.of("fetch"));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());

      agent.stop("done for today");

      AgentResult result = kit.untyped("a-stop").getResult(AgentResult.class);
      assertThat(result.reason()).isEqualTo("done for today");
      assertThat(result.lastOutcome().status()).isEqualTo(TurnOutcome.Status.STOPPED);
    }
  }

  @Test
  void cancellingTheWorkflowStopsTheAgentAndAnswersTheTurnInProgress() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeTools slow = new FakeTools(i -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ToolResult.ok("late");
    });
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(SLOW), slow)) {
      AgentWorkflow agent = kit.start("a-cancel", spec("http_get"));
      CompletableFuture<TurnOutcome> asked = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("time?")));
      await().until(() -> slow.calls.size() == 1);

      kit.untyped("a-cancel").cancel();

      // Temporal records the run as cancelled; the agent has stopped cleanly all the same.
      assertThatThrownBy(() -> kit.untyped("a-cancel").getResult(AgentResult.class)).hasMessageContaining("cancelled");
      assertThat(asked.get(30, TimeUnit.SECONDS).status()).isEqualTo(TurnOutcome.Status.STOPPED);
      assertThat(agent.snapshot().status()).isEqualTo(AgentStatus.STOPPED);
    } finally {
      release.countDown();
    }
  }

  @Test
  void stopCancelsARunningToolCallInsteadOfWaitingForIt() throws Exception {
    stopWhileItsToolRuns("a-stop-tool", kit -> {
      kit.start("a-stop-tool", spec("http_get")).send(UserMessage.of("what time is it?"));
      return CompletableFuture.completedFuture(null);
    });
  }

  /**
   * An ask on an idle agent runs its turn on its own handler (change id ask-turn-on-its-handler); a
   * stop while that turn's tool runs ends it as a stop on the main thread does: the call cancelled,
   * the ask answered STOPPED, and the main thread ends the run only after the turn has ended.
   */
  @Test
  void stopDuringAnAsksOwnTurnAnswersTheAskAndEndsTheRun() throws Exception {
    TurnOutcome outcome = stopWhileItsToolRuns("a-stop-ask", kit -> {
      AgentWorkflow agent = kit.start("a-stop-ask", spec("http_get"));
      return CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("time?")));
    });
    assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.STOPPED);
  }

  /**
   * The ask that comes with the start runs its turn on its handler before the workflow method begins
   * (change id ask-at-start-runs-its-turn); the method then waits for that turn, and a stop while
   * its tool runs ends it as for any ask's own turn.
   */
  @Test
  void stopDuringTheStartsAskTurnAnswersTheAskAndEndsTheRun() throws Exception {
    TurnOutcome outcome = stopWhileItsToolRuns("a-stop-start", kit -> CompletableFuture.supplyAsync(
        () -> kit.startWithAsk("a-stop-start", AgentInput.of(spec("http_get")), UserMessage.of("time?"))));
    assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.STOPPED);
  }

  @Test
  void theStartsAskIsAnsweredAndTheAgentWaitsForTheNext() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(new ToolCall("c1", "current_time", "{}")),
        FakeTools.named())) {
      TurnOutcome first = kit.startWithAsk("a-start-ask", AgentInput.of(spec("current_time")), UserMessage.of("time?"));
      assertThat(first.completed()).isTrue();
      AgentWorkflow agent = kit.existing("a-start-ask");
      await().until(() -> agent.snapshot().status() == AgentStatus.IDLE);
      assertThat(agent.ask(UserMessage.of("and now?")).completed()).isTrue();
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(TranscriptEntry::text).containsExactly("time?", "and now?");
      assertThat(agent.snapshot().turn()).isEqualTo(2);
    }
  }

  /**
   * A tool that counts {@code started} down, then heartbeats as the real tool activity does (so
   * Temporal can deliver a cancellation) until {@code release}.
   */
  private static FakeTools heartbeatingUntil(CountDownLatch started, CountDownLatch release) {
    return new FakeTools(i -> {
      started.countDown();
      try {
        while (!release.await(200, TimeUnit.MILLISECONDS)) {
          io.temporal.activity.Activity.getExecutionContext().heartbeat(null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ToolResult.ok("finished late");
    });
  }

  /**
   * Begins a turn ({@code begin}: the answer of its ask, or null) whose {@code http_get} heartbeats
   * until released, stops the agent while the call runs, and checks the run ended with it cancelled;
   * returns how the ask was answered.
   */
  private static TurnOutcome stopWhileItsToolRuns(String id,
      Function<AgentTestKit, CompletableFuture<TurnOutcome>> begin) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(SLOW), heartbeatingUntil(started, release))) {
      CompletableFuture<TurnOutcome> asked = begin.apply(kit);
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

      kit.existing(id).stop("done for today");

      TurnOutcome outcome = asked.get(30, TimeUnit.SECONDS);
      assertStoppedWithItsToolCallCancelled(kit, kit.existing(id), id);
      return outcome;
    } finally {
      release.countDown();
    }
  }

  /** The run ended with its last turn STOPPED and the running {@code http_get} cancelled. */
  private static void assertStoppedWithItsToolCallCancelled(AgentTestKit kit, AgentWorkflow agent, String id) {
    AgentResult result = kit.untyped(id).getResult(AgentResult.class);
    assertThat(result.lastOutcome().status()).isEqualTo(TurnOutcome.Status.STOPPED);
    assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.TOOL_RESULT)
        .extracting(TranscriptEntry::text).containsExactly("tool http_get cancelled: the agent is stopping");
  }

  @Test
  void aToolCallGetsItsDeclarationsTimeoutAndAHeartbeatTimeout() {
    ToolCall slow = new ToolCall("c9", "srv.slow", "{}");
    AgentSpec spec = new AgentSpec("tester", "", spec().model(), List.of(dev.steward.workflows.spec.ToolSpec.of("srv.slow")),
        Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE, List.of(), null,
        List.of(new dev.steward.workflows.spec.McpServerSpec("srv", List.of("srv"), null, null, null, null, 200)),
        null, null);
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(slow), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-timeouts", spec);
      agent.ask(UserMessage.of("go"));

      var scheduled = kit.client.fetchHistory("a-timeouts").getEvents().stream()
          .filter(e -> e.hasActivityTaskScheduledEventAttributes()
              && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Tool"))
          .map(e -> e.getActivityTaskScheduledEventAttributes()).findFirst().orElseThrow();
      assertThat(scheduled.getStartToCloseTimeout().getSeconds()).isEqualTo(210);
      assertThat(scheduled.getHeartbeatTimeout().getSeconds()).isEqualTo(ToolStep.HEARTBEAT_TIMEOUT.getSeconds());
    }
  }

  @Test
  void continueAsNewCarriesTheInboxAndAPendingSpec() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-carry", new AgentInput(spec(), "acme", 25, null));
      for (int i = 1; i <= 8; i++) {
        agent.send(new UserMessage("m" + i, "message " + i, "ada"));
      }
      AgentSpec renamed = new AgentSpec("renamed", "", spec().model(), List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE,
          InboxPolicy.QUEUE);
      agent.updateSpec(renamed);
      agent.send(new UserMessage("m3", "a duplicate of message 3", "ada"));

      // Several runs of a few turns each: give the busy test machine time.
      await().atMost(Duration.ofSeconds(60))
          .until(() -> agent.snapshot().turn() == 8 && agent.snapshot().status() == AgentStatus.IDLE);

      AgentSnapshot s = agent.snapshot();
      assertThat(s.runs()).isGreaterThan(1);
      assertThat(s.spec().name()).isEqualTo("renamed");
      assertThat(s.tenant()).isEqualTo("acme");
      assertThat(s.usage().turns()).isEqualTo(8);
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
          .extracting(TranscriptEntry::text)
          .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6", "message 7",
              "message 8");
    }
  }

  @Test
  void theTokenBudgetStopsBeforeTheCallThatWouldExceedIt() {
    FakeModel model = new FakeModel(r -> new ModelResponse("", List.of(new ToolCall("c" + r.step(), "current_time", "{}")),
        new TokenUsage(10, 5)));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-budget", spec(new Limits(0, 0, 25, 0), ApprovalPolicy.NONE, InboxPolicy.QUEUE, "current_time"));
      TurnOutcome out = agent.ask(UserMessage.of("go"));

      assertThat(out.error()).isEqualTo("token budget reached: 15 of 25 tokens used, and the next call would need about 15 more");
      assertThat(model.requests).hasSize(1);
    }
  }

  @Test
  void theCostBudgetStopsBeforeTheCallThatWouldExceedItAndCostsAreCounted() {
    FakeModel model = new FakeModel(r -> new ModelResponse("", List.of(new ToolCall("c" + r.step(), "current_time", "{}")),
        new TokenUsage(10, 5)));
    // $0.10 per input token and $0.20 per output token: $2 a call.
    ModelSpec priced = new ModelSpec("fake", "priced", null, null, null, null, null, null, null, new Price(100_000, 200_000));
    AgentSpec spec = new AgentSpec("tester", "", priced, List.of(ToolSpec.of("current_time")),
        new Limits(0, 0, 0, 0, 3.0), ApprovalPolicy.NONE, InboxPolicy.QUEUE);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-cost", spec);
      TurnOutcome out = agent.ask(UserMessage.of("go"));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.LIMIT_REACHED);
      assertThat(out.error()).isEqualTo("cost budget reached: $2.0000 of $3.0000 spent, and the next call would cost about $2.0000 more");
      assertThat(out.costUsd()).isEqualTo(2.0);
      assertThat(agent.snapshot().usage().costUsd()).isEqualTo(2.0);
      assertThat(model.requests).hasSize(1);
    }
  }

  @Test
  void aFallbackModelTakesTheStepWhenThePrimaryFailsForGood() {
    FakeModel model = new FakeModel(r -> {
      if (r.model().id().equals("primary")) {
        throw ApplicationFailure.newNonRetryableFailure("401 Unauthorized: the key in OPENAI_API_KEY was rejected",
            ModelActivities.NON_RETRYABLE_ERROR);
      }
      return FakeModel.reply("backup says hi");
    });
    ModelSpec primary = new ModelSpec("fake", "primary", null, null, null, null, null, null, null);
    ModelSpec backup = new ModelSpec("fake", "backup", null, null, null, null, null, null, null);
    AgentSpec spec = new AgentSpec("tester", "", primary, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE,
        InboxPolicy.QUEUE, List.of(backup));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("a-fallback", spec);
      TurnOutcome out = agent.ask(UserMessage.of("hi"));

      assertThat(out.reply()).isEqualTo("backup says hi");
      assertThat(agent.events(0).events()).filteredOn(e -> e.type() == AgentEvent.Type.MODEL_SWITCHED)
          .extracting(AgentEvent::text).singleElement().asString()
          .isEqualTo("fake/primary: 401 Unauthorized: the key in OPENAI_API_KEY was rejected — not retried, as"
              + " retrying cannot fix it; switching to fallback fake/backup");
      List<TranscriptEntry> t = agent.transcript(1, 100).entries();
      assertThat(t.get(t.size() - 1).author()).isEqualTo("fake/backup");
    }
  }

  private static dev.steward.workflows.spec.AgentSpec approvalSpec() {
    return spec(Limits.DEFAULTS, new ApprovalPolicy(List.of("http_get"), 600), InboxPolicy.QUEUE, "http_get");
  }
}
