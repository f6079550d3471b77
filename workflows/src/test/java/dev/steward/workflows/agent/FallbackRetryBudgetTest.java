package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.FallbackPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A primary model that keeps failing with a retryable error hands the step to its fallback within
 * the agent's retry budget (fallback_after), not after Temporal's retries; without a fallback the
 * model keeps those, about ten minutes of them. Workflow time is skipped, so the budget's seconds are
 * measured exactly.
 */
class FallbackRetryBudgetTest {

  private static final ModelSpec PRIMARY = new ModelSpec("fake", "primary", null, null, null, null, null, null, null);
  private static final ModelSpec BACKUP = new ModelSpec("fake", "backup", null, null, null, null, null, null, null);

  private static AgentSpec spec(List<ModelSpec> fallbacks, FallbackPolicy policy) {
    return new AgentSpec("tester", "", PRIMARY, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        fallbacks, null, null, null, null, null, policy);
  }

  /** What the model activity throws for a 500, with the provider's Retry-After when it sent one. */
  private static ApplicationFailure unavailable(Duration retryAfter) {
    return ApplicationFailure.newBuilder()
        .setType("ModelProviderUnavailable")
        .setMessage("fake/primary: 500 Internal Server Error — the provider is unavailable or busy: boom")
        .setNextRetryDelay(retryAfter)
        .build();
  }

  /** When the server scheduled the running attempt of the model activity, on its (skipped) clock. */
  private static long attemptScheduledMillis() {
    return Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp();
  }

  private static long calls(FakeModel model, String id) {
    return model.requests.stream().map(ModelRequest::model).filter(m -> m.id().equals(id)).count();
  }

  /**
   * Sends one message and lets the test server's clock run ahead, so retries and their waits happen
   * in skipped time; returns the turn's outcome.
   */
  private static TurnOutcome turn(AgentTestKit kit, AgentWorkflow agent, int turn, String text) {
    return turn(kit, agent, turn, text, Duration.ofMinutes(5));
  }

  private static TurnOutcome turn(AgentTestKit kit, AgentWorkflow agent, int turn, String text, Duration skipped) {
    agent.send(UserMessage.of(text));
    kit.env.sleep(skipped);
    await().until(() -> agent.snapshot().lastOutcome() != null && agent.snapshot().lastOutcome().turn() == turn);
    return agent.snapshot().lastOutcome();
  }

  /** How long the turn took in workflow time, from its start to its end. */
  private static Duration took(AgentWorkflow agent, int turn) {
    List<AgentEvent> events = agent.events(0).events().stream().filter(e -> e.turn() == turn).toList();
    long start = events.stream().filter(e -> e.type() == AgentEvent.Type.TURN_STARTED).findFirst().orElseThrow().timeMillis();
    long end = events.stream().filter(e -> e.type() == AgentEvent.Type.TURN_ENDED).findFirst().orElseThrow().timeMillis();
    return Duration.ofMillis(end - start);
  }

  private static List<AgentEvent> switches(AgentWorkflow agent) {
    return agent.events(0).events().stream().filter(e -> e.type() == AgentEvent.Type.MODEL_SWITCHED).toList();
  }

  @Test
  void aPrimaryAnsweringServerErrorsReachesTheFallbackWithinTheDefaultBudget() {
    FakeModel model = new FakeModel(r -> {
      if (r.model().id().equals("primary")) {
        throw unavailable(null);
      }
      return FakeModel.reply("backup says hi");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-default", spec(List.of(BACKUP), null));
      TurnOutcome out = turn(kit, agent, 1, "hi");

      assertThat(out.reply()).isEqualTo("backup says hi");
      assertThat(calls(model, "primary")).isEqualTo(FallbackPolicy.DEFAULT_ATTEMPTS);
      // Waits of 1 s and 2 s between the three attempts, well inside 20 s (Temporal's retries take minutes).
      assertThat(took(agent, 1)).isLessThan(Duration.ofSeconds(FallbackPolicy.DEFAULT_SECONDS));
      String note = "fake/primary: 500 Internal Server Error — the provider is unavailable or busy: boom — gave up"
          + " after 3 attempts in 3 s (fallback_after: 3 attempts or 20 s); switching to fallback fake/backup";
      assertThat(switches(agent)).extracting(AgentEvent::text).containsExactly(note);
      assertThat(agent.transcript(1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.NOTE)
          .extracting(TranscriptEntry::text).containsExactly(note);
    }
  }

  @Test
  void aRetryAfterPastTheBudgetIsNotWaitedForAndOneWithinItIsHonoured() {
    AtomicInteger primaryCalls = new AtomicInteger();
    FakeModel model = new FakeModel(r -> {
      if (r.model().id().equals("primary")) {
        // Turn 1: the provider asks for a minute. Turn 2: for 5 s, then answers.
        if (r.turn() == 1 || primaryCalls.incrementAndGet() == 1) {
          throw unavailable(Duration.ofSeconds(r.turn() == 1 ? 60 : 5));
        }
        return FakeModel.reply("primary is back");
      }
      return FakeModel.reply("backup says hi");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-retry-after", spec(List.of(BACKUP), null));

      assertThat(turn(kit, agent, 1, "first").reply()).isEqualTo("backup says hi");
      assertThat(took(agent, 1)).isLessThan(Duration.ofSeconds(60));
      assertThat(switches(agent)).extracting(AgentEvent::text).containsExactly("fake/primary: 500 Internal Server"
          + " Error — the provider is unavailable or busy: boom — the provider asked to wait 60 s, past the retry"
          + " budget (fallback_after: 3 attempts or 20 s), after 1 attempt; switching to fallback fake/backup");

      assertThat(turn(kit, agent, 2, "second").reply()).isEqualTo("primary is back");
      assertThat(took(agent, 2)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(switches(agent)).hasSize(1);
    }
  }

  @Test
  void theBudgetIsConfigurable() {
    FakeModel model = new FakeModel(r -> {
      if (r.model().id().equals("primary")) {
        throw unavailable(null);
      }
      return FakeModel.reply("backup says hi");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-custom", spec(List.of(BACKUP), new FallbackPolicy(5, 2)));

      assertThat(turn(kit, agent, 1, "hi").reply()).isEqualTo("backup says hi");
      // 1 s after the first attempt, the next wait (2 s) would pass the 2 s window.
      assertThat(calls(model, "primary")).isEqualTo(2);
      assertThat(switches(agent)).extracting(AgentEvent::text).singleElement().asString()
          .endsWith("— the retry budget is spent after 2 attempts in 1 s (fallback_after: 5 attempts or 2 s);"
              + " switching to fallback fake/backup");
    }
  }

  @Test
  void withoutAFallbackTheModelKeepsTemporalsRetries() {
    AtomicInteger attempts = new AtomicInteger();
    FakeModel model = new FakeModel(r -> {
      if (attempts.incrementAndGet() <= 5) {
        throw unavailable(null);
      }
      return FakeModel.reply("finally");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-none", spec(List.of(), null));

      assertThat(turn(kit, agent, 1, "hi").reply()).isEqualTo("finally");
      assertThat(calls(model, "primary")).isEqualTo(6);
      assertThat(switches(agent)).isEmpty();
    }
  }

  @Test
  void withoutAFallbackAModelDownForFiveMinutesDelaysTheTurnInsteadOfFailingIt() {
    // An outage: every call in the turn's first five minutes fails. The backoff spaces the attempts
    // (the real activity raises a provider's short Retry-After to it, RetryDelays); eight attempts,
    // the budget before, spanned about two minutes and failed the turn.
    AtomicLong firstCall = new AtomicLong();
    FakeModel model = new FakeModel(r -> {
      long now = attemptScheduledMillis();
      firstCall.compareAndSet(0, now);
      if (now - firstCall.get() < Duration.ofMinutes(5).toMillis()) {
        throw unavailable(null);
      }
      return FakeModel.reply("back");
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-outage", spec(List.of(), null));

      TurnOutcome out = turn(kit, agent, 1, "hi", Duration.ofMinutes(15));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
      assertThat(out.reply()).isEqualTo("back");
      assertThat(calls(model, "primary")).isGreaterThan(8).isLessThan(FallbackPolicy.LAST_MODEL_ATTEMPTS);
      assertThat(took(agent, 1)).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void withoutAFallbackAModelThatNeverRecoversEndsTheTurnAfterAboutTenMinutes() {
    FakeModel model = new FakeModel(r -> {
      throw unavailable(null);
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("fb-down", spec(List.of(), null));

      TurnOutcome out = turn(kit, agent, 1, "hi", Duration.ofMinutes(15));

      assertThat(out.status()).isEqualTo(TurnOutcome.Status.FAILED);
      assertThat(out.error()).contains("500 Internal Server Error");
      assertThat(calls(model, "primary")).isEqualTo(FallbackPolicy.LAST_MODEL_ATTEMPTS);
      // Waits of 1, 2, 4, ... 32 s, then 1 min: 603 s in all.
      assertThat(took(agent, 1)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
    }
  }
}
