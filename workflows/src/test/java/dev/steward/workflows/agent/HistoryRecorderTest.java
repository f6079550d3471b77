package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.agent.steps.ModelCall;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.schedule.ScheduleWakeWorkflow;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Recorders of the committed histories from v6 on (v1 to v5: {@link ReplayTest}). Each runs only
 * when asked, e.g. {@code -Dtest=HistoryRecorderTest#recordContinueAsNewChain
 * -Dsteward.recordHistories=true}, and writes files that {@link ReplayTest} then replays.
 */
@EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
class HistoryRecorderTest {

  private static final ModelSpec MODEL = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);

  /**
   * An agent with a small history budget that continues as new twice: run 1 has an approval by
   * wildcard and continues carrying a waiting message; run 2 meets a "context too long" and a
   * sleep cut at the turn's time limit, then continues idle; run 3 is cancelled while it asks a person.
   */
  @Test
  void recordContinueAsNewChain() throws IOException {
    recordChain("replay-agent-6", "agent-v6-chain-run1-backlog-approval-wildcard.json",
        "agent-v6-chain-run2-context-too-long-sleep-at-turn-limit.json", "agent-v6-chain-run3-cancelled-during-question.json");
  }

  /**
   * The chain of {@link #recordContinueAsNewChain} under the epoch (change id
   * {@code all-changes-through-folded-entries}): each run records that one version marker in its
   * first workflow task and no marker of the change ids it covers, on every path the chain takes.
   */
  @Test
  void recordEpochChain() throws IOException {
    recordChain("replay-agent-14", "agent-v14-epoch-run1-backlog-approval-wildcard.json",
        "agent-v14-epoch-run2-context-too-long-sleep-at-turn-limit.json", "agent-v14-epoch-run3-cancelled-during-question.json");
  }

  /**
   * The same chain with each turn on a workflow thread of its own (change id
   * {@code turn-on-its-own-thread}, under the second epoch {@code all-changes-through-turn-thread}):
   * continue-as-new with a backlog after a turn, a turn cut at its time limit, and a workflow
   * cancelled while a turn waits for a person.
   */
  @Test
  void recordTurnThreadChain() throws IOException {
    recordChain("replay-agent-15", "agent-v14-turnthread-run1-backlog-approval-wildcard.json",
        "agent-v14-turnthread-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v14-turnthread-run3-cancelled-during-question.json");
  }

  /**
   * The same chain under the third epoch ({@code all-changes-through-status-known}): each run's first
   * workflow task records that one marker and no status upsert when the status it starts with (the
   * client's IDLE, or the one its previous run left) is already the one it publishes.
   */
  @Test
  void recordStatusKnownChain() throws IOException {
    recordChain("replay-agent-18", "agent-v15-statusknown-run1-backlog-approval-wildcard.json",
        "agent-v15-statusknown-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v15-statusknown-run3-cancelled-during-question.json");
  }

  /**
   * The same chain under the fourth epoch ({@code all-changes-through-usage-attributes}): the agent
   * starts with {@code StewardStatus} alone, as a new agent does, and its first turn's end upserts
   * cost and tokens with the status.
   */
  @Test
  void recordUsageAttributesChain() throws IOException {
    recordChain("replay-agent-21", "agent-v16-usage-run1-backlog-approval-wildcard.json",
        "agent-v16-usage-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v16-usage-run3-cancelled-during-question.json");
  }

  /** The same chain under the fifth epoch ({@code all-changes-through-local-current-time}). */
  @Test
  void recordLocalCurrentTimeChain() throws IOException {
    recordChain("replay-agent-23", "agent-v17-localtime-run1-backlog-approval-wildcard.json",
        "agent-v17-localtime-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v17-localtime-run3-cancelled-during-question.json");
  }

  /**
   * {@code current_time} as a local activity (change id {@code current-time-as-local-activity}): a
   * turn calling it alone, a turn calling it beside a tool activity in the same step, then a stop.
   */
  @Test
  void recordLocalCurrentTime() throws IOException {
    recordLocalCurrentTime("replay-agent-24", "agent-v17-local-current-time.json");
  }

  private void recordLocalCurrentTime(String id, String file) throws IOException {
    FakeTools tools = FakeTools.named();
    FakeModel model = timeThenBoth();
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start(id, AgentTestKit.spec("current_time", "fs.read_file"));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      assertThat(agent.ask(UserMessage.of("both: the time and my notes")).completed()).isTrue();
      assertThat(tools.calls).hasSize(3);
      agent.stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write(file, kit.client.fetchHistory(id));
    }
  }

  /** A model that asks for the time, or for the time and notes.txt when the message starts "both", then replies. */
  private static FakeModel timeThenBoth() {
    ToolCall time = new ToolCall("c1", "current_time", "{}");
    ToolCall read = new ToolCall("c2", "fs.read_file", "{\"path\":\"notes.txt\"}");
    return new FakeModel(r -> r.step() == 1
        ? new ModelResponse("", FakeModel.lastUser(r).startsWith("both") ? List.of(time, read) : List.of(time),
            new TokenUsage(10, 5))
        : FakeModel.reply("done: " + FakeModel.toolResults(r)));
  }

  /** The chain under the sixth epoch ({@code all-changes-through-single-call-on-turn-thread}). */
  @Test
  void recordSingleCallChain() throws IOException {
    recordChain("replay-agent-26", "agent-v18-onecall-run1-backlog-approval-wildcard.json",
        "agent-v18-onecall-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v18-onecall-run3-cancelled-during-question.json");
  }

  /**
   * {@link #recordLocalCurrentTime} under the sixth epoch: {@code current_time} alone runs on the
   * turn's thread, beside a tool activity each call on a thread of its own.
   */
  @Test
  void recordSingleCallLocalCurrentTime() throws IOException {
    recordLocalCurrentTime("replay-agent-27", "agent-v18-local-current-time.json");
  }

  /**
   * {@link #recordTurnCancels} under the sixth epoch: the running call, an activity ({@code
   * http_get}), is on the turn's thread when its turn is cancelled.
   */
  @Test
  void recordSingleCallTurnCancels() throws IOException {
    recordTurnCancels("replay-agent-29", "agent-v18-onecall-turn-cancelled-running-and-queued.json", "http_get");
  }

  /**
   * The chain under the seventh epoch ({@code all-changes-through-ask-turn-on-handler}): the third
   * run's ask finds the agent idle and runs its turn on its own handler, where the workflow's cancel
   * reaches it while it waits for the person.
   */
  @Test
  void recordAskTurnChain() throws IOException {
    recordChain("replay-agent-30", "agent-v19-askturn-run1-backlog-approval-wildcard.json",
        "agent-v19-askturn-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v19-askturn-run3-cancelled-during-question.json");
  }

  /** {@link #recordLocalCurrentTime} under the seventh epoch: each ask's turn on its handler. */
  @Test
  void recordAskTurnLocalCurrentTime() throws IOException {
    recordLocalCurrentTime("replay-agent-31", "agent-v19-local-current-time.json");
  }

  /**
   * {@link #recordTurnCancels} under the seventh epoch: the first ask runs its turn on its handler,
   * the second waits in the inbox, and the third runs on its handler again.
   */
  @Test
  void recordAskTurnTurnCancels() throws IOException {
    recordTurnCancels("replay-agent-32", "agent-v19-askturn-turn-cancelled-running-and-queued.json", "http_get");
  }

  /** {@link #recordEventsInSegments} under the seventh epoch. */
  @Test
  void recordAskTurnEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-33", "agent-v19-events-run1-in-segments-then-continue-as-new.json",
        "agent-v19-events-run2-rewind-then-fold-again.json");
  }

  /**
   * The chain under the seventh epoch, started by this code: each run's input names the epoch
   * (the first's from the start, the next two's from the continue-as-new), so no run records a
   * version marker.
   */
  @Test
  void recordWrittenEpochChain() throws IOException {
    recordChain("replay-agent-34", "agent-v20-written-run1-backlog-approval-wildcard.json",
        "agent-v20-written-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v20-written-run3-cancelled-during-question.json");
  }

  /** {@link #recordLocalCurrentTime} with the epoch named by the input: no marker. */
  @Test
  void recordWrittenEpochLocalCurrentTime() throws IOException {
    recordLocalCurrentTime("replay-agent-35", "agent-v20-written-local-current-time.json");
  }

  /** {@link #recordTurnCancels} with the epoch named by the input: no marker. */
  @Test
  void recordWrittenEpochTurnCancels() throws IOException {
    recordTurnCancels("replay-agent-36", "agent-v20-written-turn-cancelled-running-and-queued.json", "http_get");
  }

  /** {@link #recordEventsInSegments} with the epoch named by the input: no marker. */
  @Test
  void recordWrittenEpochEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-37", "agent-v20-written-events-run1-in-segments-then-continue-as-new.json",
        "agent-v20-written-events-run2-rewind-then-fold-again.json");
  }

  /**
   * An agent started with its first ask in one call (update-with-start) under the eighth epoch: that
   * ask runs its turn (a local {@code current_time}) on its own handler before the workflow method
   * begins, then a second ask runs a step with two calls; the input names the epoch, so no marker.
   */
  @Test
  void recordAskAtStart() throws IOException {
    recordAskAtStart("replay-agent-38", "agent-v21-written-ask-at-start.json", 8);
  }

  /** The chain under the eighth epoch, named by each run's input: no marker. */
  @Test
  void recordAskAtStartChain() throws IOException {
    recordChain("replay-agent-40", "agent-v21-written-run1-backlog-approval-wildcard.json",
        "agent-v21-written-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v21-written-run3-cancelled-during-question.json");
  }

  /** {@link #recordAskAtStart} from an input that names no epoch: the eighth epoch's marker. */
  @Test
  void recordAskAtStartWithTheEpochsMarker() throws IOException {
    recordAskAtStart("replay-agent-39", "agent-v21-ask-at-start-epoch-marker.json", 0);
  }

  /** {@link #recordAskAtStart} under the ninth epoch, which the input names: no marker. */
  @Test
  void recordAskAtStartUnderTheNinthEpoch() throws IOException {
    recordAskAtStart("replay-agent-41", "agent-v22-written-ask-at-start.json", Versions.newest());
  }

  /** {@link #recordAskAtStart} from an input that names no epoch: the ninth epoch's marker. */
  @Test
  void recordAskAtStartWithTheNinthEpochsMarker() throws IOException {
    recordAskAtStart("replay-agent-42", "agent-v22-ask-at-start-epoch-marker.json", 0);
  }

  /** The chain under the ninth epoch, named by each run's input: no marker. */
  @Test
  void recordAskAfterSignalsChain() throws IOException {
    recordChain("replay-agent-43", "agent-v22-written-run1-backlog-approval-wildcard.json",
        "agent-v22-written-run2-context-too-long-sleep-at-turn-limit.json",
        "agent-v22-written-run3-cancelled-during-question.json");
  }

  /**
   * Signals sent before an ask, in the agent's first workflow task with it, which the SDK hands to
   * the ask's handler first (change id {@code ask-after-signals-of-its-task}): a spec update and a
   * message, then the ask; the ask takes its message after both and the turn runs with the new
   * spec. Then an ask to the idle agent, and a stop.
   */
  @Test
  void recordSignalsBeforeAsk() throws Exception {
    String id = "replay-agent-44";
    try (AgentTestKit kit = AgentTestKit.withWorkersLater(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, SignalsBeforeAskTest.FIRST_EDITION);
      agent.updateSpec(SignalsBeforeAskTest.SECOND_EDITION);
      agent.send(UserMessage.of("first"));
      CompletableFuture<TurnOutcome> asked = SignalsBeforeAskTest.askOnceAdmitted(kit, id, "second");
      kit.startWorkers(true);
      assertThat(asked.get(30, TimeUnit.SECONDS).reply()).isEqualTo("re: second");
      assertThat(agent.ask(UserMessage.of("third")).completed()).isTrue();
      assertThat(agent.snapshot().spec().name()).isEqualTo(SignalsBeforeAskTest.SECOND_EDITION.name());
      agent.stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write("agent-v22-written-signals-before-ask.json", kit.client.fetchHistory(id));
    }
  }

  private void recordAskAtStart(String id, String file, int writtenEpoch) throws IOException {
    FakeTools tools = FakeTools.named();
    FakeModel model = timeThenBoth();
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentInput input = new AgentInput(AgentTestKit.spec("current_time", "fs.read_file"), "acme", 0, null, null,
          writtenEpoch);
      assertThat(kit.startWithAsk(id, input, UserMessage.of("what time is it")).completed()).isTrue();
      assertThat(kit.existing(id).ask(UserMessage.of("both: the time and my notes")).completed()).isTrue();
      assertThat(tools.calls).hasSize(3);
      kit.existing(id).stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write(file, kit.client.fetchHistory(id));
    }
  }

  /** {@link #recordTurnCancels} with each turn on a workflow thread of its own. */
  @Test
  void recordTurnThreadCancels() throws IOException {
    recordTurnCancels("replay-agent-16", "agent-v14-turnthread-turn-cancelled-running-and-queued.json");
  }

  private void recordChain(String id, String run1File, String run2File, String run3File) throws IOException {
    ToolCall read = new ToolCall("f1", "fs.read_file", "{\"path\":\"notes.txt\"}");
    ToolCall nap = new ToolCall("s1", "sleep", "{\"duration\":\"10m\"}");
    ToolCall question = new ToolCall("q1", "ask_human", "{\"question\":\"Which city?\"}");
    AtomicBoolean tooLongOnce = new AtomicBoolean();
    FakeModel model = new FakeModel(r -> {
      String last = FakeModel.lastUser(r);
      if (r.step() == 1 && last.startsWith("nap") && tooLongOnce.compareAndSet(false, true)) {
        throw ApplicationFailure.newNonRetryableFailure("fake/test-1: context length exceeded", ModelCall.CONTEXT_TOO_LONG);
      }
      if (r.step() == 1) {
        List<ToolCall> calls = last.startsWith("read") ? List.of(read) : last.startsWith("nap") ? List.of(nap)
            : last.startsWith("ask") ? List.of(question) : List.of();
        if (!calls.isEmpty()) {
          return new ModelResponse("", calls, new TokenUsage(10, 5));
        }
      }
      return FakeModel.reply("ok: " + FakeModel.toolResults(r) + " " + "z".repeat(200));
    });
    AgentSpec spec = new AgentSpec("chained", "You record.", MODEL,
        List.of(ToolSpec.of("fs.read_file"), ToolSpec.of("sleep"), ToolSpec.of("ask_human")), new Limits(10, 0, 0, 120),
        new ApprovalPolicy(List.of("fs.*"), 600), InboxPolicy.QUEUE, List.of(), MemorySpec.DEFAULTS);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, new AgentInput(spec, "acme", 20, null));
      String run1 = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      agent.send(UserMessage.of("read my notes " + "q".repeat(200)));
      await().until(() -> !kit.existing(id).snapshot().pendingApprovals().isEmpty());
      // Waits in the inbox while the turn runs: run 1 continues as new carrying it.
      agent.send(UserMessage.of("nap a little " + "q".repeat(200)));
      agent.decide(new Decision("f1", true, null, "ada"));
      String run2 = nextRun(kit, id, run1);
      await().until(() -> kit.existing(id).snapshot().status() == AgentStatus.SLEEPING);
      kit.env.sleep(Duration.ofMinutes(3));
      String run3 = nextRun(kit, id, run2);
      CompletableFuture<TurnOutcome> asked = CompletableFuture.supplyAsync(
          () -> kit.existing(id).ask(UserMessage.of("ask where to go")));
      await().until(() -> !kit.existing(id).snapshot().pendingQuestions().isEmpty());
      // Run 3 would continue as new after this turn, so it is cancelled while the person thinks.
      kit.untyped(id).cancel();
      assertThat(asked.join().completed()).isFalse();
      await().until(() -> kit.client.fetchHistory(id, run3).getLastEvent().getEventType().name().contains("CANCELED"));
      write(run1File, kit.client.fetchHistory(id, run1));
      write(run2File, kit.client.fetchHistory(id, run2));
      write(run3File, kit.client.fetchHistory(id, run3));
    }
  }

  /**
   * An agent forked from another's checkpoint that delegates to a sub-agent (a child workflow) and
   * keeps a Temporal Schedule that fires once.
   */
  @Test
  @SuppressWarnings("unchecked")
  void recordForkWithSubAgentAndSchedule() throws IOException {
    FakeModel model = new FakeModel(r -> {
      if (r.agentId().contains("/")) {
        return FakeModel.reply("found: " + FakeModel.lastUser(r));
      }
      return r.step() == 1 && FakeModel.lastUser(r).startsWith("delegate")
          ? new ModelResponse("", List.of(new ToolCall("a1", "agent:researcher", "{\"task\":\"find sources\"}")),
              new TokenUsage(10, 5))
          : FakeModel.reply("re: " + FakeModel.lastUser(r) + " " + FakeModel.toolResults(r));
    });
    AgentSpec child = new AgentSpec("researcher", "You research.", MODEL, List.of(), Limits.DEFAULTS,
        ApprovalPolicy.NONE, InboxPolicy.QUEUE);
    ToolSpec researcher = new ToolSpec("agent:researcher", Map.of("spec", new ObjectMapper().convertValue(child, Map.class)));
    AgentSpec spec = new AgentSpec("forked", "You delegate.", MODEL, List.of(researcher), Limits.DEFAULTS,
        ApprovalPolicy.NONE, InboxPolicy.QUEUE, List.of(), null, null, null, null,
        List.of(new ScheduleSpec("hourly", null, "1h", null, "hourly check")));
    FakeSchedules server = FakeSchedules.withServerSchedules();
    String id = "replay-agent-7";
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named(), server)) {
      AgentWorkflow origin = kit.start(id + "-origin", spec);
      origin.ask(UserMessage.of("first"));
      origin.ask(UserMessage.of("second"));
      AgentCheckpoint at1 = origin.checkpoint(1);
      AgentWorkflow fork = kit.start(id, new AgentInput(at1.spec(), at1.tenant(), 0, at1.state()));
      assertThat(fork.ask(UserMessage.of("delegate the search")).reply()).contains("found: find sources");
      kit.client.newWorkflowStub(ScheduleWakeWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(id + "/wake/hourly-1").setTaskQueue(AgentTestKit.QUEUE).build()).wake(id, "hourly");
      await().until(() -> fork.snapshot().turn() == 3 && fork.snapshot().status() == AgentStatus.IDLE);
      fork.stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write("agent-v7-fork-sub-agent-temporal-schedule.json", kit.client.fetchHistory(id));
    }
  }

  /**
   * Inputs checked at the start (change id {@code input-validated}): an agent ignores a spec update
   * without a model and goes on; another, started with a negative limit, fails at once.
   */
  @Test
  void recordInputValidation() throws IOException {
    String id = "replay-agent-9";
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, AgentTestKit.spec());
      agent.ask(UserMessage.of("first"));
      WorkflowStub untyped = kit.untyped(id);
      untyped.signal("updateSpec", new ObjectMapper().readTree("{\"name\": \"no model\"}"));
      assertThat(agent.ask(UserMessage.of("second")).completed()).isTrue();
      assertThat(agent.snapshot().spec().name()).isEqualTo("tester");
      agent.stop("recorded");
      untyped.getResult(AgentResult.class);
      write("agent-v9-spec-update-without-model-ignored.json", kit.client.fetchHistory(id));

      Limits negative = new Limits(10, -1, 0, 0);
      kit.start(id + "-invalid", AgentInput.of(AgentTestKit.spec(negative, ApprovalPolicy.NONE, InboxPolicy.QUEUE)));
      WorkflowStub failed = kit.untyped(id + "-invalid");
      assertThatThrownBy(() -> failed.getResult(AgentResult.class)).rootCause().hasMessageContaining("invalid workflow input");
      write("agent-v9-negative-limit-fails-at-once.json", kit.client.fetchHistory(id + "-invalid"));
    }
  }

  /**
   * Transcript segments (change id {@code transcript-segments}): run 1 folds old turns and moves them
   * into segments after its turns, then continues as new carrying only their references; run 2 writes
   * more segments, rewinds to turn 2 (inside a segment, so it reads the segments back) and stops.
   */
  @Test
  void recordTranscriptSegments() throws IOException {
    String id = "replay-agent-10";
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, new AgentInput(TranscriptSegmentsTest.spec(), "acme", 150, null));
      String run1 = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      for (int i = 1; i <= 12; i++) {
        kit.existing(id).ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      String run2 = nextRun(kit, id, run1);
      assertThat(kit.existing(id).checkpoint(0).state().hasSegments()).isTrue();
      kit.existing(id).rewind(2);
      kit.existing(id).ask(UserMessage.of("again"));
      kit.existing(id).stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      assertThat(kit.client.fetchHistory(id, run2).getLastEvent().hasWorkflowExecutionCompletedEventAttributes())
          .as("run 2 ends with the stop").isTrue();
      write("agent-v10-segments-run1-flush-then-continue-as-new.json", kit.client.fetchHistory(id, run1));
      write("agent-v10-segments-run2-rewind-reads-segments-back.json", kit.client.fetchHistory(id, run2));
    }
  }

  /**
   * The {@code cancelTurn} update (no change id: it adds no command): a queued message is cancelled
   * before its turn, the running turn at its next step boundary, a finished one is left alone; the
   * agent then answers another message and stops.
   */
  @Test
  void recordTurnCancels() throws IOException {
    recordTurnCancels("replay-agent-11", "agent-v11-turn-cancelled-running-and-queued.json");
  }

  private void recordTurnCancels(String id, String file) throws IOException {
    recordTurnCancels(id, file, "current_time");
  }

  private void recordTurnCancels(String id, String file, String slowTool) throws IOException {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    FakeTools tools = new FakeTools(i -> {
      await().until(() -> release.getCount() == 0);
      return dev.steward.workflows.tools.ToolResult.ok("slow ok");
    });
    FakeModel model = new FakeModel(r -> FakeModel.lastUser(r).equals("first") && r.step() == 1
        ? new ModelResponse("", List.of(new ToolCall("c1", slowTool, "{}")), TokenUsage.ZERO)
        : FakeModel.reply("re: " + FakeModel.lastUser(r)));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start(id, AgentTestKit.spec(slowTool));
      CompletableFuture<TurnOutcome> first =
          CompletableFuture.supplyAsync(() -> agent.ask(new UserMessage("m1", "first", null, null)));
      await().until(() -> tools.calls.size() == 1);
      CompletableFuture<TurnOutcome> second =
          CompletableFuture.supplyAsync(() -> agent.ask(new UserMessage("m2", "second", null, null)));
      await().until(() -> agent.snapshot().inbox().size() == 1);
      assertThat(agent.cancelTurn(new TurnCancel("m2", "recorder"))).isEqualTo(TurnCancel.Result.QUEUED);
      assertThat(second.join().status()).isEqualTo(TurnOutcome.Status.INTERRUPTED);
      assertThat(agent.cancelTurn(new TurnCancel("m1", "recorder"))).isEqualTo(TurnCancel.Result.RUNNING);
      release.countDown();
      assertThat(first.join().status()).isEqualTo(TurnOutcome.Status.INTERRUPTED);
      assertThat(agent.cancelTurn(new TurnCancel("m1", "recorder"))).isEqualTo(TurnCancel.Result.OVER);
      assertThat(agent.ask(UserMessage.of("third")).completed()).isTrue();
      agent.stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write(file, kit.client.fetchHistory(id));
    }
  }

  /**
   * The carried state stays flat (change id {@code bounded-carried-state}): run 1 keeps only the last
   * events and message ids, ignores a retried send, folds its oldest segment references into index
   * segments and continues as new; run 2 starts from that state, takes a spec update that brings the
   * first schedule (change id {@code scheduler-loop-on-demand}: its loop starts after the next turn),
   * answers one more message and stops.
   */
  @Test
  void recordBoundedCarriedState() throws IOException {
    String id = "replay-agent-12";
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, new AgentInput(TranscriptSegmentsTest.spec(), "acme", 400, null));
      String run1 = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      for (int i = 1; i <= 30; i++) {
        UserMessage m = new UserMessage("q-" + i, "question " + i + " " + "q".repeat(200), null, null);
        kit.existing(id).ask(m);
        if (i == 5) {
          kit.existing(id).send(m);
        }
      }
      String run2 = nextRun(kit, id, run1);
      AgentState carried = kit.existing(id).checkpoint(0).state();
      assertThat(carried.segments()).anyMatch(TranscriptSegment::refersToSegments);
      assertThat(carried.events()).hasSizeLessThanOrEqualTo(100);
      // Scheduler loop on demand: no schedules so far, so no loop thread; a spec update brings one,
      // which the next turn adopts, and the loop starts after that turn (a timer for the hour).
      AgentSpec plain = TranscriptSegmentsTest.spec();
      kit.existing(id).updateSpec(new AgentSpec(plain.name(), plain.instructions(), plain.model(), plain.tools(),
          plain.limits(), plain.approval(), plain.inbox(), plain.fallbacks(), plain.memory(), null, null, null,
          List.of(new ScheduleSpec("hourly", null, "1h", null, "hourly check")), null));
      kit.existing(id).ask(UserMessage.of("one more"));
      assertThat(kit.existing(id).snapshot().schedules()).singleElement()
          .satisfies(s -> assertThat(s.nextFireMillis()).isPositive());
      kit.existing(id).stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write("agent-v12-state-run1-small-windows-index-segments.json", kit.client.fetchHistory(id, run1));
      write("agent-v12-state-run2-from-flat-carried-state.json", kit.client.fetchHistory(id, run2));
    }
  }

  /**
   * The overhead cut (change ids {@code spec-by-hash} and {@code one-upsert-per-turn-end}): a
   * tool-calling turn whose model calls name their models and tools by hash and which ends with one
   * upsert, another such turn, then a stop.
   */
  @Test
  void recordOverheadCut() throws IOException {
    String id = "replay-agent-12";
    FakeTools tools = FakeTools.named();
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start(id, AgentTestKit.spec("current_time"));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      assertThat(tools.calls).hasSize(1);
      assertThat(model.requests.get(0).model()).isNotNull();
      assertThat(agent.ask(UserMessage.of("and now")).completed()).isTrue();
      agent.stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      write("agent-v12-overhead-spec-by-hash-one-upsert.json", kit.client.fetchHistory(id));
    }
  }

  /**
   * Folded entries written at once (change id {@code folded-entries-written-at-once}): with the default
   * segment size, run 1 writes the entries each compaction folds after its turn (part segments) and
   * continues as new; run 2 writes more, rewinds to turn 2 (reading the segments back), answers once
   * more (folding again and writing what it folded) and stops.
   */
  @Test
  void recordFoldedEntriesWrittenAtOnce() throws IOException {
    recordFoldedEntries("replay-agent-13", "agent-v13-folded-run1-part-segments-then-continue-as-new.json",
        "agent-v13-folded-run2-rewind-then-fold-again.json");
  }

  /**
   * {@link #recordFoldedEntriesWrittenAtOnce} with each turn, and the segment write after it, on a
   * workflow thread of its own (change id {@code turn-on-its-own-thread}).
   */
  @Test
  void recordTurnThreadSegments() throws IOException {
    recordFoldedEntries("replay-agent-17", "agent-v14-turnthread-segments-run1-part-segments-then-continue-as-new.json",
        "agent-v14-turnthread-segments-run2-rewind-then-fold-again.json");
  }

  private void recordFoldedEntries(String id, String run1File, String run2File) throws IOException {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, new AgentInput(FoldedEntriesTest.spec(), "acme", 150, null));
      String run1 = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      // Turns until the history budget ends run 1, so run 2 holds only what follows.
      for (int i = 1; i <= 40 && !kit.client.fetchHistory(id, run1).getLastEvent()
          .hasWorkflowExecutionContinuedAsNewEventAttributes(); i++) {
        kit.existing(id).ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      String run2 = nextRun(kit, id, run1);
      AgentState carried = kit.existing(id).checkpoint(0).state();
      assertThat(carried.hasSegments()).isTrue();
      assertThat(carried.transcript()).allMatch(e -> e.seq() > carried.compactedThroughSeq());
      kit.existing(id).rewind(2);
      kit.existing(id).ask(UserMessage.of("again " + "q".repeat(200)));
      kit.existing(id).ask(UserMessage.of("and again " + "q".repeat(200)));
      kit.existing(id).stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      assertThat(kit.client.fetchHistory(id, run2).getLastEvent().hasWorkflowExecutionCompletedEventAttributes())
          .as("run 2 ends with the stop").isTrue();
      write(run1File, kit.client.fetchHistory(id, run1));
      write(run2File, kit.client.fetchHistory(id, run2));
    }
  }

  /**
   * Events in segments (change id {@code events-in-segments}): run 1 writes segments that also take
   * the events older than the newest 20, folds references into index segments and continues as new
   * carrying them; run 2 writes more, rewinds to turn 2 (reading the segments back), answers once more
   * and stops.
   */
  @Test
  void recordEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-14", "agent-v14-events-run1-in-segments-then-continue-as-new.json",
        "agent-v14-events-run2-rewind-then-fold-again.json");
  }

  /**
   * {@link #recordEventsInSegments} under the second epoch, as agents recorded it before the third:
   * the epoch's marker and {@code events-in-segments} asked on its own. Recorded with the code of
   * before the third epoch; today's code replays it without recording it again.
   */
  @Test
  void recordTurnThreadEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-20", "agent-v14-turnthread-events-run1-in-segments-then-continue-as-new.json",
        "agent-v14-turnthread-events-run2-rewind-then-fold-again.json");
  }

  /** {@link #recordEventsInSegments} under the third epoch, which covers {@code events-in-segments}: no marker of its own. */
  @Test
  void recordStatusKnownEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-19", "agent-v15-events-run1-in-segments-then-continue-as-new.json",
        "agent-v15-events-run2-rewind-then-fold-again.json");
  }

  /** {@link #recordEventsInSegments} under the fourth epoch: cost and tokens added at the first turn's end. */
  @Test
  void recordUsageAttributesEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-22", "agent-v16-events-run1-in-segments-then-continue-as-new.json",
        "agent-v16-events-run2-rewind-then-fold-again.json");
  }

  /** {@link #recordEventsInSegments} under the fifth epoch. */
  @Test
  void recordLocalCurrentTimeEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-25", "agent-v17-events-run1-in-segments-then-continue-as-new.json",
        "agent-v17-events-run2-rewind-then-fold-again.json");
  }

  /** {@link #recordEventsInSegments} under the sixth epoch. */
  @Test
  void recordSingleCallEventsInSegments() throws IOException {
    recordEventsInSegments("replay-agent-28", "agent-v18-events-run1-in-segments-then-continue-as-new.json",
        "agent-v18-events-run2-rewind-then-fold-again.json");
  }

  private void recordEventsInSegments(String id, String run1File, String run2File) throws IOException {
    try (AgentTestKit kit = new AgentTestKit(TranscriptSegmentsTest.MODEL, FakeTools.named())) {
      AgentWorkflow agent = kit.start(id, new AgentInput(TranscriptSegmentsTest.spec(), "acme", 250, null));
      String run1 = WorkflowStub.fromTyped(agent).getExecution().getRunId();
      for (int i = 1; i <= 60 && !kit.client.fetchHistory(id, run1).getLastEvent()
          .hasWorkflowExecutionContinuedAsNewEventAttributes(); i++) {
        kit.existing(id).ask(UserMessage.of("question " + i + " " + "q".repeat(200)));
      }
      String run2 = nextRun(kit, id, run1);
      AgentState carried = kit.existing(id).checkpoint(0).state();
      assertThat(carried.segments()).as("carried references hold events").anyMatch(TranscriptSegment::holdsEvents);
      kit.existing(id).ask(UserMessage.of("in run 2 " + "q".repeat(200)));
      kit.existing(id).ask(UserMessage.of("and more " + "q".repeat(200)));
      kit.existing(id).rewind(2);
      kit.existing(id).ask(UserMessage.of("again " + "q".repeat(200)));
      kit.existing(id).stop("recorded");
      kit.untyped(id).getResult(AgentResult.class);
      assertThat(kit.client.fetchHistory(id, run2).getLastEvent().hasWorkflowExecutionCompletedEventAttributes())
          .as("run 2 ends with the stop").isTrue();
      write(run1File, kit.client.fetchHistory(id, run1));
      write(run2File, kit.client.fetchHistory(id, run2));
    }
  }

  /** The run that {@code runId} continued as, once it has. */
  private static String nextRun(AgentTestKit kit, String id, String runId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> kit.client.fetchHistory(id, runId).getLastEvent().hasWorkflowExecutionContinuedAsNewEventAttributes());
    return kit.client.fetchHistory(id, runId).getLastEvent().getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
  }

  private static void write(String name, WorkflowExecutionHistory history) throws IOException {
    Files.writeString(Path.of(Histories.DIR, name), history.toJson(true));
  }
}
