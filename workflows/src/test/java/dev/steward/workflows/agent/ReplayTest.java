package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays committed histories against today's workflow code: a change that alters the command
 * sequence of an existing agent without a {@code Workflow.getVersion} guard fails here. The
 * replayer keeps no workflow cache, so every event is re-executed.
 *
 * <p>To record a new history after a guarded change, add a recorder to {@link HistoryRecorderTest}
 * and run only it, e.g. {@code ./mvnw -B -pl workflows -am verify -Dtest=HistoryRecorderTest#recordContinueAsNewChain
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsteward.recordHistories=true}, then commit the file it writes.
 * Never re-record an old one: it stands for agents already running.
 */
class ReplayTest {

  private static final String[] HISTORIES = {
    "agent-v1-approval-sleep-tools.json", "agent-v2-memory-compaction-budget-schedule-question.json",
    "agent-v3-temporal-schedules.json", "agent-v4-reused-call-ids-rewind-chunked-compaction.json",
    "agent-v5-named-timers-cancelled-when-done.json", "agent-v8-fallback-retry-budget.json"};

  /** Every file under histories/, not a list: a recorded history cannot be left out. */
  @Test
  void committedHistoriesReplayWithoutNonDeterminism() throws Exception {
    Map<String, String> histories = Histories.all();
    assertThat(histories.keySet()).contains(HISTORIES);
    try (Histories.Replayer replayer = new Histories.Replayer(AgentWorkflowImpl.class)) {
      for (Map.Entry<String, String> h : histories.entrySet()) {
        try {
          replayer.replay(h.getValue());
        } catch (Exception | Error e) {
          throw new AssertionError("history " + h.getKey() + " no longer replays", e);
        }
      }
    }
  }

  @Test
  void aChangedCommandSequenceIsCaught() throws Exception {
    String history = resource(HISTORIES[0]);
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, ChangedAgent.class))
        .hasStackTraceContaining("NonDeterministic");
  }

  /** The agent as an unguarded change might leave it: one extra timer before anything else. */
  public static class ChangedAgent extends AgentWorkflowImpl {
    @WorkflowInit
    public ChangedAgent(AgentInput input) {
      super(input);
    }

    @Override
    public AgentResult run(AgentInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(input);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordHistory() throws IOException {
    ToolCall fetch = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org\"}");
    ToolCall time = new ToolCall("c2", "current_time", "{}");
    ToolCall nap = new ToolCall("c3", "sleep", "{\"duration\":\"2h\"}");
    FakeModel model = new FakeModel(r -> r.turn() > 1 ? FakeModel.reply("again: ok") : switch (r.step()) {
      case 1 -> new ModelResponse("", List.of(fetch, time), new TokenUsage(10, 5));
      case 2 -> new ModelResponse("", List.of(nap), new TokenUsage(10, 5));
      default -> FakeModel.reply("done: " + FakeModel.toolResults(r));
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent", spec(Limits.DEFAULTS, new ApprovalPolicy(List.of("http_get"), 600),
          InboxPolicy.QUEUE, "http_get", "current_time", "sleep"));
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("look it up")));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());
      agent.decide(new Decision("c1", true, null, "ada"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING || first.isDone());
      kit.env.sleep(Duration.ofHours(2).plusMinutes(1));
      assertThat(first.join().completed()).isTrue();
      agent.send(UserMessage.of("and again"));
      await().until(() -> agent.snapshot().turn() == 2 && agent.snapshot().status() == AgentStatus.IDLE);
      agent.stop("recorded");
      kit.untyped("replay-agent").getResult(AgentResult.class);
      String json = kit.client.fetchHistory("replay-agent").toJson(true);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[0]), json);
    }
  }

  /** Memory edits, compaction, a token budget, a schedule firing and a question to a person. */
  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordSecondHistory() throws IOException {
    ToolCall remember = new ToolCall("m1", "memory_append", "{\"block\":\"notes\",\"text\":\"likes tea\"}");
    ToolCall question = new ToolCall("q1", "ask_human", "{\"question\":\"Which city?\"}");
    FakeModel model = new FakeModel(r -> {
      String last = FakeModel.lastUser(r);
      if (r.step() == 1 && last.contains("remember")) {
        return new ModelResponse("", List.of(remember), new TokenUsage(40, 10));
      }
      if (r.step() == 1 && last.contains("travel")) {
        return new ModelResponse("", List.of(question), new TokenUsage(40, 10));
      }
      return FakeModel.reply("ok " + r.turn() + " " + "z".repeat(120));
    });
    MemorySpec memory = new MemorySpec(List.of(new MemorySpec.MemoryBlockSpec("notes", "", 500, "")), 300, null, null);
    AgentSpec spec = new AgentSpec("recorder", "You record.", new ModelSpec("fake", "test-1", null, null, null, null, null,
        null, null), List.of(ToolSpec.of("ask_human")), new Limits(0, 0, 100_000, 0, 0), ApprovalPolicy.NONE,
        InboxPolicy.QUEUE, List.of(), memory, null, null, null,
        List.of(new ScheduleSpec("hourly", null, "1h", null, "hourly check")));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent-2", new AgentInput(spec, "acme", 0, null));
      agent.ask(UserMessage.of("please remember this " + "q".repeat(150)));
      for (int i = 0; i < 3; i++) {
        agent.ask(UserMessage.of("message " + i + " " + "q".repeat(150)));
      }
      CompletableFuture<TurnOutcome> trip = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("travel plans")));
      await().until(() -> !agent.snapshot().pendingQuestions().isEmpty());
      agent.answer(new Answer("q1", "Lisbon", "ada"));
      trip.join();
      kit.env.sleep(Duration.ofHours(1).plusMinutes(1));
      await().until(() -> agent.snapshot().schedules().get(0).fires() == 1 && agent.snapshot().status() == AgentStatus.IDLE);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[1]),
          kit.client.fetchHistory("replay-agent-2").toJson(true));
    }
  }

  /** Temporal Schedules: a firing, a pause, a changed timing from a spec update, a delete and the stop's clean-up. */
  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordThirdHistory() throws IOException {
    ScheduleSpec hourly = new ScheduleSpec("hourly", null, "1h", null, "hourly check");
    ScheduleSpec daily = new ScheduleSpec("daily", "0 9 * * MON-FRI", null, "Europe/Paris", "plan the day");
    FakeSchedules server = FakeSchedules.withServerSchedules();
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named(), server)) {
      AgentWorkflow agent = kit.start("replay-agent-3", TemporalSchedulesTest.spec(hourly, daily));
      await().until(() -> server.server.size() == 2);
      kit.client.newWorkflowStub(dev.steward.workflows.schedule.ScheduleWakeWorkflow.class,
          io.temporal.client.WorkflowOptions.newBuilder().setWorkflowId("replay-agent-3/wake/hourly-1")
              .setTaskQueue(AgentTestKit.QUEUE).build()).wake("replay-agent-3", "hourly");
      await().until(() -> agent.snapshot().turn() == 1 && agent.snapshot().status() == AgentStatus.IDLE);
      agent.schedule(new ScheduleAction("daily", "pause"));
      agent.updateSpec(TemporalSchedulesTest.spec(new ScheduleSpec("hourly", null, "2h", null, "hourly check"), daily));
      agent.ask(UserMessage.of("apply the spec"));
      agent.schedule(new ScheduleAction("daily", "delete"));
      agent.stop("recorded");
      kit.untyped("replay-agent-3").getResult(AgentResult.class);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[2]),
          kit.client.fetchHistory("replay-agent-3").toJson(true));
    }
  }

  /** A model that reuses call ids, then a rewind whose next compaction folds in several calls. */
  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordFourthHistory() throws IOException {
    FakeModel model = new FakeModel(r -> r.step() == 1
        ? new ModelResponse("", List.of(new ToolCall("call_0", "current_time", "{}")), new TokenUsage(10, 5))
        : FakeModel.reply("answer " + r.turn() + " " + "z".repeat(200)));
    MemorySpec memory = new MemorySpec(List.of(), 300, null, null);
    AgentSpec spec = new AgentSpec("recorder", "You record.", new ModelSpec("fake", "test-1", null, null, null, null, null,
        null, null), List.of(ToolSpec.of("current_time")), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), memory);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent-4", spec);
      for (int i = 1; i <= 8; i++) {
        agent.ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      agent.rewind(7);
      agent.ask(UserMessage.of("and now?"));
      agent.stop("recorded");
      kit.untyped("replay-agent-4").getResult(AgentResult.class);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[3]),
          kit.client.fetchHistory("replay-agent-4").toJson(true));
    }
  }

  /**
   * Named timers that end with their wait: an approval decided, a question answered before its
   * deadline, a sleep that runs out, and a schedule whose timer a spec update replaces.
   */
  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordFifthHistory() throws IOException {
    ToolCall fetch = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org\"}");
    ToolCall nap = new ToolCall("c2", "sleep", "{\"duration\":\"1h\"}");
    ToolCall question = new ToolCall("q1", "ask_human", "{\"question\":\"Which city?\",\"timeout_seconds\":3600}");
    FakeModel model = new FakeModel(r -> r.turn() > 2 ? FakeModel.reply("ok") : r.turn() == 2 ? (r.step() == 1
        ? new ModelResponse("", List.of(question), new TokenUsage(10, 5)) : FakeModel.reply("going to " + FakeModel.toolResults(r)))
        : switch (r.step()) {
          case 1 -> new ModelResponse("", List.of(fetch), new TokenUsage(10, 5));
          case 2 -> new ModelResponse("", List.of(nap), new TokenUsage(10, 5));
          default -> FakeModel.reply("done");
        });
    java.util.function.Function<String, AgentSpec> every = interval -> new AgentSpec("recorder", "You record.",
        new ModelSpec("fake", "test-1", null, null, null, null, null, null, null),
        List.of(ToolSpec.of("http_get"), ToolSpec.of("sleep"), ToolSpec.of("ask_human")), Limits.DEFAULTS,
        new ApprovalPolicy(List.of("http_get"), 600), InboxPolicy.QUEUE, List.of(), null, null, null, null,
        List.of(new ScheduleSpec("daily", null, interval, null, "daily check")));
    AgentSpec spec = every.apply("1d");
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent-5", spec);
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("look it up")));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());
      agent.decide(new Decision("c1", true, null, "ada"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING);
      kit.env.sleep(Duration.ofHours(1).plusMinutes(1));
      assertThat(first.join().completed()).isTrue();
      CompletableFuture<TurnOutcome> trip = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("travel plans")));
      await().until(() -> !agent.snapshot().pendingQuestions().isEmpty());
      agent.answer(new Answer("q1", "Lisbon", "ada"));
      assertThat(trip.join().completed()).isTrue();
      agent.updateSpec(every.apply("2d"));
      agent.ask(UserMessage.of("apply the spec"));
      agent.stop("recorded");
      kit.untyped("replay-agent-5").getResult(AgentResult.class);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[4]),
          kit.client.fetchHistory("replay-agent-5").toJson(true));
    }
  }
  /**
   * A primary model failing with retryable errors: retried within fallback_after (durable timers
   * between single-attempt calls), then the fallback; a Retry-After past the budget; a recovery.
   */
  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordEighthHistory() throws IOException {
    java.util.concurrent.atomic.AtomicInteger primaryCalls = new java.util.concurrent.atomic.AtomicInteger();
    FakeModel model = new FakeModel(r -> {
      if (r.model().id().equals("primary") && r.turn() < 3) {
        primaryCalls.incrementAndGet();
        throw io.temporal.failure.ApplicationFailure.newBuilder().setType("ModelProviderUnavailable")
            .setMessage("fake/primary: 500 Internal Server Error — the provider is unavailable or busy: boom")
            .setNextRetryDelay(r.turn() == 2 ? Duration.ofSeconds(60) : null).build();
      }
      return FakeModel.reply(r.model().id() + " answers turn " + r.turn());
    });
    ModelSpec primary = new ModelSpec("fake", "primary", null, null, null, null, null, null, null);
    ModelSpec backup = new ModelSpec("fake", "backup", null, null, null, null, null, null, null);
    AgentSpec spec = new AgentSpec("recorder", "You record.", primary, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE,
        InboxPolicy.QUEUE, List.of(backup));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent-6", spec);
      for (int turn = 1; turn <= 3; turn++) {
        int expected = turn;
        agent.send(UserMessage.of("message " + turn));
        kit.env.sleep(Duration.ofMinutes(5));
        await().until(() -> agent.snapshot().lastOutcome() != null && agent.snapshot().lastOutcome().turn() == expected);
      }
      assertThat(primaryCalls.get()).isEqualTo(4);
      agent.stop("recorded");
      kit.untyped("replay-agent-6").getResult(AgentResult.class);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[5]),
          kit.client.fetchHistory("replay-agent-6").toJson(true));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name)) {
      assertThat(in).as("committed history " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
