package dev.steward.workflows.agent;

import dev.steward.workflows.agent.TurnOutcome.Status;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.messaging.AgentReply;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.PriceTable;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import dev.steward.workflows.tools.BuiltinTools;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * The agent loop. One message is one turn: the model is called, the tools it asks for run (in
 * parallel, behind the approval gate), and the model is called again until it replies or a limit
 * stops the turn. Between turns the agent waits for free, for as long as it takes.
 *
 * <p>Deterministic code only: time, ids and waiting all go through {@link Workflow}.
 */
public class AgentWorkflowImpl implements AgentWorkflow {

  private static final Logger log = Workflow.getLogger(AgentWorkflowImpl.class);
  private static final int SEEN_IDS_KEPT = 1_000;

  private final String agentId;
  private final String tenant;
  private final long historyEventBudget;
  private final int runs;
  private final Journal journal;
  private final Approvals approvals = new Approvals();
  private final Questions questions = new Questions();
  private final Scheduler scheduler;
  private final TemporalSchedules schedules;
  private final AgentMessages messages = new AgentMessages();
  private final List<UserMessage> inbox;
  private final Set<String> seenMessageIds;
  /** Message ids whose sender waits in {@code ask} for the turn's outcome. */
  private final Set<String> awaited = new LinkedHashSet<>();
  private final Map<String, TurnOutcome> outcomes = new LinkedHashMap<>();
  private final StatusTracker status;
  private final Memory memory;
  private final Compactor compactor;

  private AgentSpec spec;
  private AgentSpec pendingSpec;
  private int turn;
  private Usage usage;
  private TokenUsage turnUsage;
  private double turnCost;
  /** The agent's most recent model call, the estimate for the next one when checking budgets. */
  private LastCall lastCall = LastCall.NONE;
  private TurnOutcome lastOutcome;
  private boolean turnRunning;
  /** The message whose turn is running; null between turns. */
  private UserMessage currentMessage;
  /** While a {@code sleep} tool waits: when it wakes, epoch milliseconds; else 0. */
  private long sleepingUntil;
  private boolean interruptRequested;
  private String stopReason;
  /** A sub-agent answers one task, then ends. */
  private final boolean oneShot;

  @WorkflowInit
  public AgentWorkflowImpl(AgentInput input) {
    AgentState s = input.carried();
    this.agentId = Workflow.getInfo().getWorkflowId();
    this.tenant = input.tenant();
    this.historyEventBudget = input.historyEventBudget();
    this.spec = input.spec();
    this.status = new StatusTracker();
    this.memory = new Memory(s == null ? null : s.memory());
    this.memory.adopt(spec.memory());
    this.oneShot = input.task() != null;
    this.scheduler = new Scheduler(s == null ? null : s.schedules(), s == null ? null : s.deletedSchedules(),
        this::scheduled);
    this.schedules = new TemporalSchedules(this, scheduler);
    this.scheduler.adopt(spec.schedules());
    if (s == null) {
      this.journal = Journal.empty();
      this.inbox = new ArrayList<>();
      this.seenMessageIds = new LinkedHashSet<>();
      this.usage = Usage.ZERO;
      this.turnUsage = TokenUsage.ZERO;
      this.runs = 1;
      if (input.task() != null) {
        inbox.add(input.task());
        seenMessageIds.add(input.task().id());
      }
    } else {
      this.journal = new Journal(s.transcript(), s.events(), s.nextEventSeq());
      this.inbox = new ArrayList<>(s.inbox());
      this.seenMessageIds = new LinkedHashSet<>(s.seenMessageIds());
      this.pendingSpec = s.pendingSpec();
      this.turn = s.turn();
      this.usage = s.usage();
      this.turnUsage = s.lastTurnUsage() == null ? TokenUsage.ZERO : s.lastTurnUsage();
      this.lastOutcome = s.lastOutcome();
      this.runs = s.runs() + 1;
    }
    this.compactor = s == null ? new Compactor(this, null, 0) : new Compactor(this, s.summary(), s.compactedThroughSeq());
  }

  @Override
  public AgentResult run(AgentInput input) {
    try {
      return live();
    } catch (CanceledFailure e) {
      // Cancelling the workflow (the Web UI's Cancel, a parent that stops) is a stop: the turn in
      // progress ends STOPPED, waiting messages are answered, the status says so. Temporal still
      // records the run as cancelled (the Java SDK cannot turn a cancellation into a completion).
      if (Workflow.getVersion(ChangeIds.CANCEL_IS_STOP, Workflow.DEFAULT_VERSION, 1) < 1) {
        throw e;
      }
      stop("cancelled");
      AtomicReference<AgentResult> result = new AtomicReference<>();
      Workflow.newDetachedCancellationScope(() -> {
        if (turnRunning && currentMessage != null) {
          endTurn(currentMessage, Status.STOPPED, "", "agent stopped: cancelled");
        }
        result.set(finish());
      }).run();
      return result.get();
    }
  }

  private AgentResult live() {
    showDetails("waiting for a message");
    status.publish(currentStatus());
    if (!oneShot && !scheduler.isEmpty()) {
      schedules.sync();
    }
    Async.procedure(scheduler::loop);
    while (true) {
      Workflow.await(() -> !inbox.isEmpty() || stopReason != null || continueAsNewDue());
      if (stopReason != null) {
        return finish();
      }
      // A busy agent continues as new too, carrying its backlog, whenever no handler is running;
      // otherwise a steady stream of messages would grow one history to Temporal's hard limit.
      if (!inbox.isEmpty() && continueAsNewDue() && Workflow.isEveryHandlerFinished()
          && Workflow.getVersion(ChangeIds.CONTINUE_AS_NEW_WITH_BACKLOG, Workflow.DEFAULT_VERSION, 1) >= 1) {
        continueAsNew();
      }
      if (!inbox.isEmpty()) {
        currentMessage = inbox.remove(0);
        runTurn(currentMessage);
        currentMessage = null;
        if (oneShot) {
          stop("task done");
        }
        continue;
      }
      // Nothing to do and the history is long: start a fresh run once every handler is done.
      Workflow.await(() -> Workflow.isEveryHandlerFinished() || !inbox.isEmpty() || stopReason != null);
      if (inbox.isEmpty() && stopReason == null) {
        continueAsNew();
      }
    }
  }

  private void continueAsNew() {
    log.info("agent {} continues as new after {} history events", agentId, Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(new AgentInput(spec, tenant, historyEventBudget, carriedState()));
  }

  // ---- handlers ------------------------------------------------------------------------------

  @Override
  public void send(UserMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      log.warn("agent {} ignored an empty message", agentId);
      return;
    }
    // After stop, messages are still taken: finish() records them as not answered, so none is lost.
    accept(message);
  }

  @Override
  public void agentReply(AgentReply reply) {
    if (reply != null && reply.correlationId() != null) {
      messages.received(reply);
    }
  }

  @Override
  public void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason == null || reason.isBlank() ? "stopped" : reason;
    }
  }

  @Override
  public void updateSpec(AgentSpec newSpec) {
    if (newSpec == null) {
      return;
    }
    pendingSpec = newSpec;
    journal.event(AgentEvent.Type.SPEC_UPDATED, turn, "spec '" + newSpec.name() + "' applies from the next turn");
  }

  @Override
  public void validateAsk(UserMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      throw new IllegalArgumentException("message text is empty");
    }
    if (stopReason != null) {
      throw new IllegalStateException("agent is stopping: " + stopReason);
    }
    if (message.id() != null && seenMessageIds.contains(message.id())) {
      throw new IllegalArgumentException("message '" + message.id() + "' was already received");
    }
    if (Workflow.getInfo().getHistoryLength() >= 2 * historyEventBudget) {
      throw new IllegalStateException("agent is catching up before it continues as new; ask again in a moment "
          + "(the message was not taken)");
    }
    int maxTurns = effectiveSpec().limits().maxTurns();
    if (maxTurns > 0 && turn + inbox.size() >= maxTurns) {
      throw new IllegalStateException("turn limit reached: this agent may run " + maxTurns + " turns");
    }
  }

  @Override
  public TurnOutcome ask(UserMessage message) {
    String id = accept(message);
    awaited.add(id);
    Workflow.await(() -> outcomes.containsKey(id));
    awaited.remove(id);
    return outcomes.remove(id);
  }

  @Override
  public void validateDecide(Decision decision) {
    approvals.validate(decision);
  }

  @Override
  public PendingApproval decide(Decision decision) {
    PendingApproval done = approvals.decide(decision);
    Decision d = done.decision();
    journal.event(AgentEvent.Type.APPROVAL_DECIDED, done.turn(),
        (d.approved() ? "approved " : "denied ") + done.tool() + (d.decidedBy() == null ? "" : " by " + d.decidedBy()),
        done.callId(), done.tool());
    return done;
  }

  @Override
  public void validateSchedule(ScheduleAction action) {
    scheduler.validate(action);
  }

  @Override
  public ScheduleState schedule(ScheduleAction action) {
    ScheduleState s = scheduler.apply(action, TemporalSchedules::enabled);
    journal.event(AgentEvent.Type.SCHEDULE_CHANGED, turn, "schedule " + action.name() + ": " + action.action());
    if (scheduler.mode() == Scheduler.Mode.TEMPORAL && !action.action().equals("trigger")) {
      schedules.sync();
      return scheduler.states().stream().filter(x -> x.name().equals(action.name())).findFirst().orElse(s);
    }
    return s;
  }

  @Override
  public void scheduleFired(String scheduleName) {
    if (!scheduler.firedOnServer(scheduleName)) {
      log.info("agent {} ignored a firing of schedule '{}': paused, deleted or not a Temporal Schedule here", agentId,
          scheduleName);
    }
  }

  /** A schedule fired: its message joins the inbox like any other. */
  private void scheduled(ScheduleSpec s) {
    String sender = "schedule:" + s.name();
    // A firing while the last one still waits adds nothing: the agent will see that one.
    if (stopReason == null && inbox.stream().noneMatch(m -> sender.equals(m.sender()))) {
      accept(new UserMessage(null, s.message(), sender));
    }
  }

  @Override
  public void validateAnswer(Answer answer) {
    questions.validate(answer);
  }

  @Override
  public PendingQuestion answer(Answer answer) {
    PendingQuestion done = questions.answer(answer);
    journal.event(AgentEvent.Type.QUESTION_ANSWERED, done.turn(), "answered by " + done.answeredBy() + ": "
        + abbreviate(done.answer(), 200), done.questionId(), BuiltinTools.ASK_HUMAN);
    return done;
  }

  @Override
  public void validateSetMemory(MemoryEdit edit) {
    if (edit == null) {
      throw new IllegalArgumentException("a memory edit needs the block's name and text");
    }
    memory.validateSet(edit.block(), edit.text());
  }

  @Override
  public MemoryBlock setMemory(MemoryEdit edit) {
    MemoryBlock b = memory.set(edit.block(), edit.text());
    rememberChange(b, edit.editedBy() == null || edit.editedBy().isBlank() ? "a person" : edit.editedBy());
    return b;
  }

  @Override
  public void validateRewind(int toTurn) {
    if (turnRunning || !inbox.isEmpty()) {
      throw new IllegalStateException("agent is busy with a turn; rewind when it is idle");
    }
    if (toTurn < 0 || toTurn >= turn) {
      throw new IllegalArgumentException("can rewind to a turn from 0 to " + (turn - 1) + ", not " + toTurn);
    }
  }

  @Override
  public int rewind(int toTurn) {
    int abandoned = journal.abandonAfter(toTurn);
    memory.resetTo(Checkpoints.memoryAt(toTurn, spec, journal.transcript()));
    compactor.reset();
    journal.note(turn, "rewound to the end of turn " + toTurn + "; " + abandoned + " later entries are kept but abandoned");
    journal.event(AgentEvent.Type.REWOUND, turn, "rewound to turn " + toTurn);
    return toTurn;
  }

  @Override
  public AgentCheckpoint checkpoint(int atTurn) {
    if (atTurn <= 0 || atTurn >= turn) {
      return new AgentCheckpoint(spec, tenant, carriedState());
    }
    return new AgentCheckpoint(spec, tenant, Checkpoints.at(atTurn, spec, journal.transcript()));
  }

  @Override
  public AgentSnapshot snapshot() {
    return new AgentSnapshot(agentId, tenant, currentStatus(), turn, spec, approvals.pending(), List.copyOf(inbox),
        usage, turnUsage, lastOutcome, sleepingUntil, runs, journal.transcriptSize(), memory.blocks(),
        compactor.summary(), compactor.compactedThroughSeq(), questions.pending(), scheduler.states());
  }

  @Override
  public ModelContextView modelContext(long upToSeq) {
    return compactor.view(upToSeq);
  }

  @Override
  public TranscriptPage transcript(long fromSeq, int limit) {
    return journal.page(fromSeq, limit);
  }

  @Override
  public EventPage events(long afterSeq) {
    return journal.eventsAfter(afterSeq, stopReason != null && !turnRunning);
  }

  // ---- the turn ------------------------------------------------------------------------------

  private void runTurn(UserMessage message) {
    if (pendingSpec != null) {
      spec = pendingSpec;
      pendingSpec = null;
      memory.adopt(spec.memory());
      if (scheduler.adoptUpdate(spec.schedules(), TemporalSchedules::enabled) && !oneShot) {
        schedules.sync();
      }
    }
    int maxTurns = spec.limits().maxTurns();
    if (maxTurns > 0 && turn >= maxTurns) {
      // No turn runs: the outcome must not repeat the previous turn's usage.
      turnUsage = TokenUsage.ZERO;
      turnCost = 0;
      journal.write(turn, TranscriptEntry.Kind.USER, author(message), message.text(), List.of(), null, false);
      endTurn(message, Status.LIMIT_REACHED, "", "turn limit reached: this agent may run " + maxTurns + " turns");
      return;
    }
    turn++;
    usage = usage.plusTurn();
    turnUsage = TokenUsage.ZERO;
    turnCost = 0;
    turnRunning = true;
    interruptRequested = false;
    long startedAt = Workflow.currentTimeMillis();
    long maxSeconds = spec.limits().maxTurnSeconds();
    long deadline = maxSeconds > 0 ? startedAt + Math.min(maxSeconds, ToolStep.MAX_WAIT.toSeconds()) * 1000 : 0;
    journal.write(turn, TranscriptEntry.Kind.USER, author(message), message.text(), List.of(), null, false);
    journal.event(AgentEvent.Type.TURN_STARTED, turn, "turn " + turn + ": " + abbreviate(message.text(), 120));
    status.publish(currentStatus());

    ToolStep tools = new ToolStep(this, deadline);
    for (int step = 1; ; step++) {
      String stopped = limitOrInterruption(step, deadline);
      if (stopped != null) {
        Status s = interruptRequested ? Status.INTERRUPTED : stopReason != null ? Status.STOPPED : Status.LIMIT_REACHED;
        endTurn(message, s, "", stopped);
        return;
      }
      compactor.compactIfNeeded(spec.memory().contextTokens());
      showDetails("waiting for the model " + spec.model().label() + (step > 1 ? " (step " + step + ")" : ""));
      ModelCall.Answer answer;
      try {
        answer = ModelCall.call(agentId, turn, step, spec, journal.transcriptSize(), this::modelSwitched);
      } catch (ModelCall.ModelFailure e) {
        answer = e.contextTooLong ? retryWithLessContext(e, step) : null;
        if (answer == null) {
          endTurn(message, Status.FAILED, "", e.getMessage());
          return;
        }
      }
      ModelResponse response = CallIds.unique(answer.response(), journal, turn, step);
      double cost = PriceTable.priceOf(answer.model()).cost(response.usage());
      chargeModelCall(response.usage(), cost);
      lastCall = new LastCall(response.usage().totalTokens(), cost);
      if (response.isFinalReply()) {
        journal.write(turn, TranscriptEntry.Kind.ASSISTANT, answer.model().label(), response.text(), List.of(), null, false);
        journal.event(AgentEvent.Type.REPLY, turn, response.text());
        endTurn(message, Status.COMPLETED, response.text(), null);
        return;
      }
      journal.write(turn, TranscriptEntry.Kind.ASSISTANT, answer.model().label(), response.text(),
          response.toolCalls(), null, false);
      tools.run(response.toolCalls());
    }
  }

  /** Why the turn must stop before the next model call, or null to go on. */
  private String limitOrInterruption(int step, long deadline) {
    if (stopReason != null) {
      return "agent stopped: " + stopReason;
    }
    if (interruptRequested) {
      return "interrupted by a newer message";
    }
    int maxSteps = spec.limits().maxStepsPerTurn();
    if (step > maxSteps) {
      return "step limit reached: at most " + maxSteps + " model calls per turn";
    }
    String budget = Budgets.exceeded(spec.limits(), usage, lastCall);
    if (budget != null) {
      return budget;
    }
    if (deadline > 0 && Workflow.currentTimeMillis() >= deadline) {
      return "time limit reached: a turn may take at most " + spec.limits().maxTurnSeconds() + " s";
    }
    return null;
  }

  private void endTurn(UserMessage message, Status s, String reply, String error) {
    if (error != null) {
      journal.note(turn, error);
      if (s == Status.FAILED) {
        journal.event(AgentEvent.Type.ERROR, turn, error);
      }
    }
    TurnOutcome outcome = new TurnOutcome(turn, s, reply, error, turnUsage, turnCost);
    lastOutcome = outcome;
    turnRunning = false;
    journal.event(AgentEvent.Type.USAGE, turn, "turn " + turn + ": " + turnUsage.totalTokens() + " tokens, "
        + Budgets.dollars(turnCost) + "; " + usage.tokens().totalTokens() + " tokens, " + Budgets.dollars(usage.costUsd())
        + " in all");
    status.publishUsage(usage);
    journal.event(AgentEvent.Type.TURN_ENDED, turn,
        "turn " + turn + " " + s.name().toLowerCase(java.util.Locale.ROOT) + (error == null ? "" : ": " + error));
    if (awaited.contains(message.id())) {
      outcomes.put(message.id(), outcome);
    }
    if (message.replyTo() != null) {
      replyTo(message, outcome);
    }
    showDetails("waiting for a message");
    status.publish(currentStatus());
  }

  /** Tells the agent that asked with {@code ask_agent} how its message's turn ended. */
  private void replyTo(UserMessage message, TurnOutcome outcome) {
    AgentReply reply = new AgentReply(message.id(), agentId, outcome.completed(),
        outcome.completed() ? outcome.reply() : outcome.status() + ": " + outcome.error());
    try {
      Workflow.newUntypedExternalWorkflowStub(message.replyTo()).signal("agentReply", reply);
    } catch (RuntimeException e) {
      // The asker may have ended meanwhile; its question died with it.
      log.info("agent {} could not reply to {}: {}", agentId, message.replyTo(), e.getMessage());
    }
  }

  private AgentResult finish() {
    for (UserMessage left : inbox) {
      journal.write(turn, TranscriptEntry.Kind.USER, author(left), left.text(), List.of(), null, false);
      journal.note(turn, "not answered: the agent stopped (" + stopReason + ")");
      TurnOutcome stopped = new TurnOutcome(turn, Status.STOPPED, "", "agent stopped: " + stopReason, TokenUsage.ZERO, 0);
      if (awaited.contains(left.id())) {
        outcomes.put(left.id(), stopped);
      }
      if (left.replyTo() != null) {
        replyTo(left, stopped);
      }
    }
    inbox.clear();
    schedules.removeAll();
    journal.event(AgentEvent.Type.STOPPED, turn, "agent stopped: " + stopReason);
    status.publish(AgentStatus.STOPPED);
    showDetails("stopped: " + stopReason);
    // Let waiting ask handlers return their outcome before the run completes.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new AgentResult(stopReason, usage, lastOutcome);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private String accept(UserMessage message) {
    String id = message.id() == null || message.id().isBlank() ? "m-" + Workflow.randomUUID() : message.id();
    if (!seenMessageIds.add(id)) {
      log.info("agent {} ignored duplicate message {}", agentId, id);
      return id;
    }
    while (seenMessageIds.size() > SEEN_IDS_KEPT) {
      seenMessageIds.remove(seenMessageIds.iterator().next());
    }
    UserMessage accepted = new UserMessage(id, message.text(), message.sender(), message.replyTo());
    inbox.add(accepted);
    journal.event(AgentEvent.Type.MESSAGE_RECEIVED, turn, abbreviate(message.text(), 120));
    if (turnRunning && spec.inbox() == InboxPolicy.INTERRUPT) {
      interruptRequested = true;
    }
    return id;
  }

  /**
   * The model said the context is too long for it: fold more into the summary (down to a quarter of
   * what was sent) and try the step once more. Null when that is not possible or fails again.
   */
  private ModelCall.Answer retryWithLessContext(ModelCall.ModelFailure failure, int step) {
    if (Workflow.getVersion(ChangeIds.CONTEXT_TOO_LONG_COMPACTS, Workflow.DEFAULT_VERSION, 1) < 1) {
      return null;
    }
    long before = compactor.compactedThroughSeq();
    compactor.compactIfNeeded(Math.max(1, compactor.estimatedTokens() / 2));
    if (compactor.compactedThroughSeq() == before) {
      return null;
    }
    journal.note(turn, failure.getMessage() + " — summarised older turns and tried again");
    try {
      return ModelCall.call(agentId, turn, step, spec, journal.transcriptSize(), this::modelSwitched);
    } catch (ModelCall.ModelFailure again) {
      return null;
    }
  }

  /** Records a memory change for people (transcript) and watchers (events). */
  void rememberChange(MemoryBlock b, String by) {
    journal.write(turn, TranscriptEntry.Kind.MEMORY, by, b.text(), List.of(), b.name(), false);
    journal.event(AgentEvent.Type.MEMORY_CHANGED, turn, "memory '" + b.name() + "' changed by " + by);
  }

  /** @param what what happened to the model and which one comes next, as {@link ModelCall} says it */
  private void modelSwitched(String what) {
    journal.note(turn, what);
    journal.event(AgentEvent.Type.MODEL_SWITCHED, turn, what);
  }

  private boolean continueAsNewDue() {
    return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() >= historyEventBudget;
  }

  private AgentState carriedState() {
    List<String> seen = new ArrayList<>(seenMessageIds);
    return new AgentState(pendingSpec, turn, usage, turnUsage, lastOutcome, journal.transcript(),
        journal.eventsToCarry(), journal.nextEventSeq(), List.copyOf(inbox), seen, runs, memory.blocks(),
        compactor.summary(), compactor.compactedThroughSeq(), scheduler.states(), scheduler.deleted());
  }

  private AgentSpec effectiveSpec() {
    return pendingSpec != null ? pendingSpec : spec;
  }

  AgentStatus currentStatus() {
    if (stopReason != null && !turnRunning) {
      return AgentStatus.STOPPED;
    }
    if (!approvals.isEmpty()) {
      return AgentStatus.WAITING_FOR_APPROVAL;
    }
    if (!questions.isEmpty()) {
      return AgentStatus.WAITING_FOR_ANSWER;
    }
    if (sleepingUntil > 0) {
      return AgentStatus.SLEEPING;
    }
    return turnRunning ? AgentStatus.RUNNING : AgentStatus.IDLE;
  }

  /** Sets the current details the Web UI shows: {@code now}, then the last exchange. */
  void showDetails(String now) {
    Workflow.setCurrentDetails(CurrentDetails.render(turn, now, journal.transcript()));
  }

  private static String author(UserMessage m) {
    return m.sender() == null || m.sender().isBlank() ? "user" : m.sender();
  }

  static String abbreviate(String s, int max) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  // ---- access for ToolStep (same package, same workflow thread model) ------------------------

  String agentId() { return agentId; }
  int turn() { return turn; }
  AgentSpec spec() { return spec; }
  Journal journal() { return journal; }
  Approvals approvals() { return approvals; }
  boolean stopRequested() { return stopReason != null; }
  boolean interruptRequested() { return interruptRequested; }
  void countToolCall() { usage = usage.plusToolCall(); }
  Memory memory() { return memory; }
  Questions questions() { return questions; }
  AgentMessages messages() { return messages; }
  String tenant() { return tenant; }
  Usage usage() { return usage; }

  /** Counts a model call (the agent's own, or a summariser's) in the turn's and the agent's usage. */
  void chargeModelCall(TokenUsage tokens, double cost) {
    usage = usage.plusModelCall(tokens, cost);
    turnUsage = turnUsage.plus(tokens);
    turnCost += cost;
  }

  /** Counts a sub-agent's usage against this agent's budget. */
  void addUsage(Usage child) {
    if (child != null) {
      usage = usage.plus(child);
      turnUsage = turnUsage.plus(child.tokens());
      turnCost += child.costUsd();
    }
  }

  /** Another agent takes over this conversation from the next step, with the whole transcript. */
  void handOver(AgentSpec next, String note) {
    String from = spec.name();
    // The conversation's limits and budgets stay this agent's: a sub-agent's own limits were made for one task.
    spec = next.withLimits(spec.limits());
    memory.adopt(next.memory());
    journal.note(turn, "handed over from " + from + " to " + next.name() + (note.isBlank() ? "" : ": " + note));
    journal.event(AgentEvent.Type.SPEC_UPDATED, turn, "handed over to " + next.name());
  }
  void sleeping(long untilMillis) { sleepingUntil = untilMillis; status.publish(currentStatus()); }
  void refreshStatus() { status.publish(currentStatus()); }
}
