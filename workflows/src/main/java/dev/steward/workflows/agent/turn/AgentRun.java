package dev.steward.workflows.agent.turn;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentState;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.InputCheck;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.agent.context.CompactionContext;
import dev.steward.workflows.agent.context.Compactor;
import dev.steward.workflows.agent.conversation.AgentMessages;
import dev.steward.workflows.agent.conversation.Inbox;
import dev.steward.workflows.agent.journal.CurrentDetails;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.agent.journal.Segments;
import dev.steward.workflows.agent.journal.StateBounds;
import dev.steward.workflows.agent.journal.StatusTracker;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.schedules.Scheduler;
import dev.steward.workflows.agent.schedules.TemporalSchedules;
import dev.steward.workflows.agent.steps.Approvals;
import dev.steward.workflows.agent.steps.Questions;
import dev.steward.workflows.agent.steps.StepContext;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ModelTools;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.workflow.Workflow;
import java.util.List;
import org.slf4j.Logger;

/**
 * The state of one workflow run of an agent, and the only object that changes it. Rooms see it
 * through the narrow contexts it implements ({@link StepContext}, {@link CompactionContext}); the
 * workflow class and the {@link TurnLoop} use it directly.
 */
public final class AgentRun implements StepContext, CompactionContext {

  private static final Logger log = Workflow.getLogger(AgentRun.class);

  private final String agentId;
  private final String tenant;
  private final long historyEventBudget;
  private final int runs;
  /** A sub-agent answers one task, then ends. */
  private final boolean oneShot;
  private final Journal journal;
  private final Approvals approvals = new Approvals();
  private final Questions questions = new Questions();
  private final Scheduler scheduler;
  private final TemporalSchedules schedules;
  private final AgentMessages messages = new AgentMessages();
  private final Inbox inbox;
  private final StatusTracker status = new StatusTracker();
  /** The Web UI's current details: the renderer that remembers the last exchange, and what it last set. */
  private final CurrentDetails details = new CurrentDetails();
  private String lastDetails;
  private final Memory memory;
  private final Compactor compactor;

  AgentSpec spec;
  /** The spec {@link #specHash} was computed for, and its hash. */
  private AgentSpec hashedSpec;
  private String specHash;
  private AgentSpec pendingSpec;
  int turn;
  Usage usage;
  TokenUsage turnUsage;
  double turnCost;
  /** The agent's most recent model call, the estimate for the next one when checking budgets. */
  LastCall lastCall = LastCall.NONE;
  TurnOutcome lastOutcome;
  boolean turnRunning;
  /** While a {@code sleep} tool waits: when it wakes, epoch milliseconds; else 0. */
  private long sleepingUntil;
  boolean interruptRequested;
  /** Who cancelled the running turn ({@code cancelTurn}); null when nobody did. */
  String cancelledBy;
  private String stopReason;
  /** While transcript segments are written or read back: no rewind, and no turn while reading back. */
  private boolean segmentsBusy;

  /** Starts the run from the workflow's input: a new agent, or one that continues as new with its state. */
  public AgentRun(AgentInput input) {
    AgentState s = input.carried();
    this.agentId = Workflow.getInfo().getWorkflowId();
    this.tenant = input.tenant();
    this.historyEventBudget = input.historyEventBudget();
    this.spec = input.spec();
    this.memory = new Memory(s == null ? null : s.memory());
    this.memory.adopt(spec.memory());
    this.oneShot = input.task() != null;
    this.scheduler = new Scheduler(s == null ? null : s.schedules(), s == null ? null : s.deletedSchedules(),
        this::scheduled);
    this.schedules = new TemporalSchedules(agentId, tenant, scheduler, this::note);
    this.scheduler.adopt(spec.schedules());
    if (s == null) {
      this.journal = Journal.empty();
      this.inbox = new Inbox(List.of(), List.of());
      this.usage = Usage.ZERO;
      this.turnUsage = TokenUsage.ZERO;
      this.runs = 1;
      if (input.task() != null) {
        inbox.addTask(input.task());
      }
    } else {
      this.journal = new Journal(s.segments(), s.transcript(), s.events(), s.nextEventSeq());
      this.inbox = new Inbox(s.inbox(), s.seenMessageIds());
      this.pendingSpec = s.pendingSpec();
      this.turn = s.turn();
      this.usage = s.usage();
      this.turnUsage = s.lastTurnUsage() == null ? TokenUsage.ZERO : s.lastTurnUsage();
      this.lastOutcome = s.lastOutcome();
      this.runs = s.runs() + 1;
    }
    this.compactor = s == null ? new Compactor(this, null, 0) : new Compactor(this, s.summary(), s.compactedThroughSeq());
  }

  // ---- messages in ---------------------------------------------------------------------------

  /** Takes a message into the inbox (once per id); returns its id. */
  public String accept(UserMessage message) {
    String id = Inbox.idOf(message);
    if (!inbox.add(id, message)) {
      log.info("agent {} ignored duplicate message {}", agentId, id);
      return id;
    }
    journal.event(AgentEvent.Type.MESSAGE_RECEIVED, turn, Text.abbreviate(message.text(), 120));
    if (turnRunning && spec.inbox() == InboxPolicy.INTERRUPT) {
      interruptRequested = true;
    }
    return id;
  }

  /** A schedule fired: its message joins the inbox like any other. */
  private void scheduled(ScheduleSpec s) {
    String sender = "schedule:" + s.name();
    // A firing while the last one still waits adds nothing: the agent will see that one.
    if (stopReason == null && !inbox.hasFrom(sender)) {
      accept(new UserMessage(null, s.message(), sender));
    }
  }

  /** A note in the transcript at the current turn, e.g. why the Temporal Schedules could not be updated. */
  private void note(String text) {
    journal.note(turn, text);
  }

  public void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason == null || reason.isBlank() ? "stopped" : reason;
    }
  }

  /**
   * A new spec that applies from the next turn. An invalid one (a signal has no caller to answer) is
   * ignored, and the agent says why in its transcript and events; agents from before the check
   * replay as they ran.
   */
  public void updateSpec(AgentSpec newSpec) {
    String invalid = InputCheck.problem(newSpec, "$");
    if (invalid != null && Versions.atLeast(ChangeIds.INPUT_VALIDATED, 1)) {
      log.warn("agent {} ignored an invalid spec update: {}", agentId, invalid);
      journal.note(turn, "spec update ignored: " + invalid);
      journal.event(AgentEvent.Type.SPEC_UPDATED, turn, "spec update ignored: " + invalid);
      return;
    }
    if (newSpec == null) {
      return;
    }
    pendingSpec = newSpec;
    journal.event(AgentEvent.Type.SPEC_UPDATED, turn, "spec '" + newSpec.name() + "' applies from the next turn");
  }

  /** Adopts a spec update at the start of a turn, with its memory blocks and schedules. */
  void adoptPendingSpec() {
    if (pendingSpec == null) {
      return;
    }
    spec = pendingSpec;
    pendingSpec = null;
    memory.adopt(spec.memory());
    if (scheduler.adoptUpdate(spec.schedules(), TemporalSchedules::enabled) && !oneShot) {
      schedules.sync();
    }
  }

  /** Refuses, with a reason the caller can read, a message {@code ask} cannot take now. */
  public void checkAsk(UserMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      throw new IllegalArgumentException("message text is empty");
    }
    if (stopReason != null) {
      throw new IllegalStateException("agent is stopping: " + stopReason);
    }
    if (message.id() != null && inbox.seen(message.id())) {
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

  /** Refuses a rewind while a turn runs or messages wait, or to a turn that is not behind the agent. */
  public void checkRewind(int toTurn) {
    if (turnRunning || !inbox.isEmpty()) {
      throw new IllegalStateException("agent is busy with a turn; rewind when it is idle");
    }
    if (segmentsBusy) {
      throw new IllegalStateException("agent is moving old transcript entries to the blob store; rewind in a moment");
    }
    if (toTurn < 0 || toTurn >= turn) {
      throw new IllegalArgumentException("can rewind to a turn from 0 to " + (turn - 1) + ", not " + toTurn);
    }
  }

  // ---- what the workflow class reads ---------------------------------------------------------

  public Inbox inbox() { return inbox; }
  public Scheduler scheduler() { return scheduler; }
  public TemporalSchedules schedules() { return schedules; }
  public Compactor compactor() { return compactor; }
  public boolean oneShot() { return oneShot; }
  public String stopReason() { return stopReason; }
  public boolean turnRunning() { return turnRunning; }
  public long historyEventBudget() { return historyEventBudget; }
  public boolean segmentsBusy() { return segmentsBusy; }

  /**
   * At a turn boundary: moves the entries folded into the summary out of the state into the blob
   * store, so what the agent carries and holds is its model context plus a small constant however
   * old it gets. Every folded entry leaves at the end of the turn that folded it (in segments of at
   * most {@code segment_entries}); runs from before change id {@code folded-entries-written-at-once}
   * wait for full segments. A turn that folded nothing writes nothing, so this adds at most one write
   * (and now and then an index write) to a turn that already ran a summariser call. Since change id
   * {@code events-in-segments} the first segment also takes the events older than the newest
   * {@link StateBounds#EVENTS_HELD}.
   */
  public void flushSegments() {
    int size = spec.memory().segmentEntries();
    long folded = compactor.compactedThroughSeq();
    long waiting = folded - journal.segmentedThrough();
    if (waiting <= 0 || (waiting < size && !writesFoldedEntriesAtOnce())
        || !Versions.atLeast(ChangeIds.TRANSCRIPT_SEGMENTS, 1)) {
      return;
    }
    // Events older than the newest few ride along with the segment the turn writes anyway.
    long[] events = Versions.atLeast(ChangeIds.EVENTS_IN_SEGMENTS, 1)
        ? journal.eventsBeyond(StateBounds.EVENTS_HELD)
        : new long[] {0, 0};
    segmentsBusy = true;
    try {
      Segments.flush(journal, agentId, folded, size, this::writesFoldedEntriesAtOnce, events);
    } finally {
      segmentsBusy = false;
    }
  }

  /** True when a part segment of folded entries is written too; asked only when one is waiting. */
  private boolean writesFoldedEntriesAtOnce() {
    return Versions.atLeast(ChangeIds.FOLDED_ENTRIES_WRITTEN_AT_ONCE, 1);
  }

  /**
   * Before a rewind: takes every segment back into the journal (the rewind marks entries abandoned
   * and rebuilds memory from all of them). Runs an activity, so no turn starts meanwhile.
   */
  public void readBackSegments() {
    if (journal.segments().isEmpty()
        || !Versions.atLeast(ChangeIds.TRANSCRIPT_SEGMENTS, 1)) {
      return;
    }
    segmentsBusy = true;
    try {
      journal.unsegment(Segments.read(journal.segments()));
    } finally {
      segmentsBusy = false;
    }
  }

  /** The spec the next turn runs with: a pending update, else the current one. */
  public AgentSpec effectiveSpec() {
    return pendingSpec != null ? pendingSpec : spec;
  }

  /** True when Temporal suggests a fresh run or the history reached the agent's event budget. */
  public boolean continueAsNewDue() {
    return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() >= historyEventBudget;
  }

  /** What the next run carries: everything but what a run rebuilds from its spec. */
  public AgentState carriedState() {
    return new AgentState(pendingSpec, turn, usage, turnUsage, lastOutcome, journal.transcript(),
        journal.eventsToCarry(), journal.nextEventSeq(), inbox.messages(), inbox.seenIds(), runs, memory.blocks(),
        compactor.summary(), compactor.compactedThroughSeq(), scheduler.states(), scheduler.deleted(),
        journal.segments().isEmpty() ? null : journal.segments());
  }

  public AgentSnapshot snapshot() {
    return new AgentSnapshot(agentId, tenant, currentStatus(), turn, spec, approvals.pending(), inbox.messages(),
        usage, turnUsage, lastOutcome, sleepingUntil, runs, journal.transcriptSize(), memory.blocks(),
        compactor.summary(), compactor.compactedThroughSeq(), questions.pending(), scheduler.states());
  }

  public AgentStatus currentStatus() {
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

  public void publishStatus(AgentStatus s) { status.publish(s); }
  void publishUsage() { status.publishUsage(usage); }
  void publishUsageAndStatus() { status.publishUsageAndStatus(usage, currentStatus()); }

  // ---- the contexts: what steps, conversation and compaction may do ---------------------------

  @Override public String agentId() { return agentId; }
  @Override public String tenant() { return tenant; }
  @Override public int turn() { return turn; }
  @Override public AgentSpec spec() { return spec; }

  /** The spec's content hash for the model input, computed once per spec the agent adopts. */
  String specHash() {
    if (hashedSpec != spec) {
      hashedSpec = spec;
      // Interned: agents with the same spec share its spec (SharedSpecs), and so its hash.
      specHash = ModelTools.hashOf(spec);
    }
    return specHash;
  }
  @Override public Usage usage() { return usage; }
  @Override public Journal journal() { return journal; }
  @Override public Memory memory() { return memory; }
  @Override public Approvals approvals() { return approvals; }
  @Override public Questions questions() { return questions; }
  @Override public AgentMessages messages() { return messages; }
  @Override public boolean stopRequested() { return stopReason != null; }
  @Override public boolean interruptRequested() { return interruptRequested; }
  @Override public void countToolCall() { usage = usage.plusToolCall(); }
  @Override public void refreshStatus() { status.publish(currentStatus()); }

  @Override
  public void sleeping(long untilMillis) {
    sleepingUntil = untilMillis;
    status.publish(currentStatus());
  }

  /** Sets the current details the Web UI shows: {@code now}, then the last exchange. */
  @Override
  public void showDetails(String now) {
    String shown = details.details(turn, now, journal.transcript());
    // A step that shows what the last one showed (a second model step, a second tool) sets nothing.
    if (!shown.equals(lastDetails)) {
      lastDetails = shown;
      Workflow.setCurrentDetails(shown);
    }
  }

  @Override
  public void rememberChange(MemoryBlock b, String by) {
    journal.write(turn, TranscriptEntry.Kind.MEMORY, by, b.text(), List.of(), b.name(), false);
    journal.event(AgentEvent.Type.MEMORY_CHANGED, turn, "memory '" + b.name() + "' changed by " + by);
  }

  @Override
  public void chargeModelCall(TokenUsage tokens, double cost) {
    usage = usage.plusModelCall(tokens, cost);
    turnUsage = turnUsage.plus(tokens);
    turnCost += cost;
  }

  @Override
  public void addUsage(Usage child) {
    if (child != null) {
      usage = usage.plus(child);
      turnUsage = turnUsage.plus(child.tokens());
      turnCost += child.costUsd();
    }
  }

  @Override
  public void handOver(AgentSpec next, String note) {
    String from = spec.name();
    // The conversation's limits and budgets stay this agent's: a sub-agent's own limits were made for one task.
    spec = next.withLimits(spec.limits());
    memory.adopt(next.memory());
    journal.note(turn, "handed over from " + from + " to " + next.name() + (note.isBlank() ? "" : ": " + note));
    journal.event(AgentEvent.Type.SPEC_UPDATED, turn, "handed over to " + next.name());
  }
}
