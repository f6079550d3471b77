package dev.steward.workflows.agent;

import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.lifecycle.Checkpoints;
import dev.steward.workflows.agent.schedules.Scheduler;
import dev.steward.workflows.agent.schedules.TemporalSchedules;
import dev.steward.workflows.agent.turn.AgentRun;
import dev.steward.workflows.agent.turn.TurnLoop;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.messaging.AgentReply;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.tools.BuiltinTools;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * The agent loop. One message is one turn: the model is called, the tools it asks for run (in
 * parallel, behind the approval gate), and the model is called again until it replies or a limit
 * stops the turn. Between turns the agent waits for free, for as long as it takes.
 *
 * <p>This class only waits for work and hands each handler to the room that does it: the state is
 * in {@link AgentRun}, a turn in {@link TurnLoop}. Deterministic code only: time, ids and waiting
 * all go through {@link Workflow}.
 */
public class AgentWorkflowImpl implements AgentWorkflow {

  private static final Logger log = Workflow.getLogger(AgentWorkflowImpl.class);
  /**
   * The history length of a run's first workflow task that holds the start alone (started, task
   * scheduled, task started): no signal came with it, as none does with an update-with-start's ask.
   */
  private static final long START_ALONE = 3;

  private final AgentStart start;
  private final AgentRun agent;
  private final TurnLoop turns;
  /**
   * True while the root waits for work in {@link #live()}: then an ask may run its own turn, as may
   * the one that comes with the start, before the root has begun ({@link #rootBegun}).
   */
  private boolean rootWaiting;
  /** True once the workflow method runs; the SDK runs a start's update handlers before it. */
  private boolean rootBegun;
  /**
   * The scope of the turn an ask's handler runs, while it runs. A handler thread is outside the
   * root's cancellation scope: a cancel of the workflow reaches that turn only through this.
   */
  private CancellationScope turnOnHandler;
  /** True from the end of a turn an ask's handler ran until the root has done what follows a turn. */
  private boolean turnOnHandlerEnded;
  /** What that turn threw, for the root to throw as it would a turn thread's failure; or null. */
  private RuntimeException turnOnHandlerFailure;
  /**
   * The message ids ("" for none) of asks whose handlers wait for the signals of their workflow task
   * before taking their message: meanwhile the root neither starts a turn nor ends the run, which
   * would leave such an ask's message, already accepted by Temporal, unanswered; and another ask of
   * the same message is refused, as once the message is in the inbox.
   */
  private final List<String> asksArriving = new ArrayList<>();

  @WorkflowInit
  public AgentWorkflowImpl(AgentInput input) {
    // Before anything else can ask a version: the constructor runs before any handler and the
    // workflow method, in every way a run starts.
    Versions.begin(input == null ? 0 : input.changeEpoch());
    this.start = AgentStart.from(input);
    this.agent = start.run();
    this.turns = new TurnLoop(agent);
  }

  @Override
  public AgentResult run(AgentInput input) {
    rootBegun = true;
    start.failIfInvalid();
    try {
      return live();
    } catch (CanceledFailure e) {
      // Cancelling the workflow (the Web UI's Cancel, a parent that stops) is a stop: the turn in
      // progress ends STOPPED, waiting messages are answered, the status says so. Temporal still
      // records the run as cancelled (the Java SDK cannot turn a cancellation into a completion).
      if (!Versions.atLeast(ChangeIds.CANCEL_IS_STOP, 1)) {
        throw e;
      }
      agent.stop("cancelled");
      AtomicReference<AgentResult> result = new AtomicReference<>();
      Workflow.newDetachedCancellationScope(() -> {
        Workflow.await(asksArriving::isEmpty);
        cancelTurnOnHandler();
        turns.endCancelled();
        result.set(turns.finish());
      }).run();
      return result.get();
    }
  }

  /** Waits for a message, runs its turn, and continues as new when the history is long. */
  private AgentResult live() {
    if (turnOnHandler == null && !turnOnHandlerEnded) {
      // Else the start's ask runs (or ran) its turn already, and says what it waits for.
      agent.showDetails("waiting for a message");
    }
    agent.refreshStatus();
    if (!agent.oneShot() && !agent.scheduler().isEmpty()) {
      agent.schedules().sync();
    }
    boolean loopOnDemand = Versions.atLeast(ChangeIds.SCHEDULER_LOOP_ON_DEMAND, 1);
    boolean loopStarted = startSchedulerLoop(!loopOnDemand);
    while (true) {
      rootWaiting = true;
      Workflow.await(() -> turnOnHandlerEnded || turnOnHandler == null && asksArriving.isEmpty()
          && (!agent.inbox().isEmpty() || agent.stopRequested() || agent.continueAsNewDue()) && !agent.segmentsBusy());
      rootWaiting = false;
      if (turnOnHandlerEnded) {
        // What follows a turn, for one an ask's handler ran.
        turnOnHandlerEnded = false;
        if (turnOnHandlerFailure != null) {
          throw turnOnHandlerFailure;
        }
        loopStarted = afterTurn(loopStarted);
        continue;
      }
      if (agent.stopRequested()) {
        return turns.finish();
      }
      // A busy agent continues as new too, carrying its backlog, whenever no handler is running;
      // otherwise a steady stream of messages would grow one history to Temporal's hard limit.
      if (!agent.inbox().isEmpty() && agent.continueAsNewDue() && Workflow.isEveryHandlerFinished()
          && Versions.atLeast(ChangeIds.CONTINUE_AS_NEW_WITH_BACKLOG, 1)) {
        continueAsNew();
      }
      if (!agent.inbox().isEmpty()) {
        if (Versions.atLeast(ChangeIds.TURN_ON_ITS_OWN_THREAD, 1)) {
          // The turn runs deep (model, tools, approvals); on a thread of its own its stack goes with
          // it, and this thread parks shallow between turns: a cached idle agent keeps only that one.
          // Same cancellation scope: a cancel reaches the turn, and its failure comes back here.
          Async.procedure(this::turnThenSegments).get();
          loopStarted = afterTurn(loopStarted);
        } else {
          turns.runNext();
          // A spec update adopted by the turn may have brought the first schedules.
          loopStarted = loopStarted || startSchedulerLoop(false);
          agent.flushSegments();
          if (agent.oneShot()) {
            agent.stop("task done");
          }
        }
        continue;
      }
      // Nothing to do and the history is long: start a fresh run once every handler is done.
      Workflow.await(() -> Workflow.isEveryHandlerFinished() || !agent.inbox().isEmpty() || agent.stopRequested());
      if (agent.inbox().isEmpty() && !agent.stopRequested()) {
        continueAsNew();
      }
    }
  }

  /**
   * What follows a turn (its segments written): the schedules' loop, if a spec update adopted by the
   * turn brought the first schedules, and a one-shot agent's stop. Returns whether the loop runs.
   */
  private boolean afterTurn(boolean loopStarted) {
    boolean started = loopStarted || startSchedulerLoop(false);
    if (agent.oneShot()) {
      agent.stop("task done");
    }
    return started;
  }

  /** One turn and the segment write after it, on the turn's own thread or an ask's handler. */
  private void turnThenSegments() {
    turns.runNext();
    agent.flushSegments();
  }

  /**
   * Whether an ask runs its message's turn on its own thread (change id {@code
   * ask-turn-on-its-handler}): the root waits idle, the message is the only one waiting (not a
   * duplicate), and nothing else is due that the root would do first. Then the turn has two live
   * workflow threads, the root and this handler, instead of three, and each is woken on every pass
   * of the event loop. The handler's stack, like a turn thread's, ends with the ask. The ask that
   * comes with a valid start may too, before the root begins (change id {@code
   * ask-at-start-runs-its-turn}): the root then finds its turn running.
   */
  private boolean mayRunItsOwnTurn(String id) {
    return (rootWaiting || !rootBegun && start.problem() == null
            && Versions.atLeast(ChangeIds.ASK_AT_START_RUNS_ITS_TURN, 1))
        && turnOnHandler == null && !turnOnHandlerEnded && agent.inbox().onlyWaiting(id)
        && !agent.stopRequested() && !agent.continueAsNewDue() && !agent.segmentsBusy()
        && Versions.atLeast(ChangeIds.ASK_TURN_ON_ITS_HANDLER, 1);
  }

  /** Runs the waiting message's turn on this handler's thread; the root then does what follows a turn. */
  private void runTurnOnThisHandler() {
    turnOnHandler = Workflow.newCancellationScope(this::turnThenSegments);
    try {
      turnOnHandler.run();
    } catch (RuntimeException e) {
      // A cancellation too: on a turn thread it would have reached the root, which ends the turn.
      turnOnHandlerFailure = e;
    } finally {
      turnOnHandler = null;
      turnOnHandlerEnded = true;
    }
  }

  /**
   * Waits one pass of the workflow's event loop, in which the handlers of the signals this task
   * brought run: on the Java test server, which sequences an update by its task's scheduled event,
   * the SDK runs the ask's handler before those of signals that came after the task was scheduled,
   * though they were sent before the ask.
   */
  private void letTheSignalsOfThisTaskRunFirst(String messageId) {
    asksArriving.add(messageId);
    AtomicBoolean checked = new AtomicBoolean();
    // False at its first check only: this thread yields, and every other one runs before the next.
    Workflow.await(() -> checked.getAndSet(true));
    asksArriving.remove(messageId);
  }

  /** The workflow was cancelled: cancels a turn an ask's handler runs and waits until it has let go. */
  private void cancelTurnOnHandler() {
    if (turnOnHandler != null) {
      turnOnHandler.cancel("agent stopped: cancelled");
      Workflow.await(() -> turnOnHandler == null);
    }
  }

  /**
   * Starts the schedules' loop in a workflow thread of its own when {@code always} or the agent has
   * schedules; returns whether it started. A parked thread costs a cached agent its stack.
   */
  private boolean startSchedulerLoop(boolean always) {
    if (!always && agent.scheduler().isEmpty()) {
      return false;
    }
    Async.procedure(agent.scheduler()::loop);
    return true;
  }

  private void continueAsNew() {
    log.info("agent {} continues as new after {} history events", agent.agentId(), Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(new AgentInput(agent.spec(), agent.tenant(), agent.historyEventBudget(), agent.carriedState()));
  }

  // ---- messages ------------------------------------------------------------------------------

  @Override
  public void send(UserMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      log.warn("agent {} ignored an empty message", agent.agentId());
      return;
    }
    // After stop, messages are still taken: finish() records them as not answered, so none is lost.
    agent.accept(message);
  }

  @Override
  public void validateAsk(UserMessage message) {
    agent.checkAsk(message);
    if (message.id() != null && !message.id().isBlank() && asksArriving.contains(message.id())) {
      throw new IllegalArgumentException("message '" + message.id() + "' was already received");
    }
  }

  @Override
  public TurnOutcome ask(UserMessage message) {
    if (Workflow.getInfo().getHistoryLength() > START_ALONE
        && Versions.atLeast(ChangeIds.ASK_AFTER_SIGNALS_OF_ITS_TASK, 1)) {
      letTheSignalsOfThisTaskRunFirst(message.id() == null ? "" : message.id());
    }
    String id = agent.accept(message);
    if (mayRunItsOwnTurn(id)) {
      agent.inbox().expect(id);
      runTurnOnThisHandler();
    }
    return agent.inbox().awaitOutcome(id);
  }

  @Override
  public void validateCancelTurn(TurnCancel cancel) {
    if (cancel == null || cancel.messageId() == null || cancel.messageId().isBlank()) {
      throw new IllegalArgumentException("messageId is required: the id of the message whose turn to cancel");
    }
  }

  @Override
  public TurnCancel.Result cancelTurn(TurnCancel cancel) {
    return turns.cancel(cancel.messageId(), cancel.who());
  }

  @Override
  public void agentReply(AgentReply reply) {
    if (reply != null && reply.correlationId() != null) {
      agent.messages().received(reply);
    }
  }

  @Override
  public void stop(String reason) {
    agent.stop(reason);
  }

  @Override
  public void updateSpec(AgentSpec newSpec) {
    agent.updateSpec(newSpec);
  }

  // ---- people deciding, answering, editing ---------------------------------------------------

  @Override
  public void validateDecide(Decision decision) {
    agent.approvals().validate(decision);
  }

  @Override
  public PendingApproval decide(Decision decision) {
    PendingApproval done = agent.approvals().decide(decision);
    Decision d = done.decision();
    agent.journal().event(AgentEvent.Type.APPROVAL_DECIDED, done.turn(),
        (d.approved() ? "approved " : "denied ") + done.tool() + (d.decidedBy() == null ? "" : " by " + d.decidedBy()),
        done.callId(), done.tool());
    return done;
  }

  @Override
  public void validateAnswer(Answer answer) {
    agent.questions().validate(answer);
  }

  @Override
  public PendingQuestion answer(Answer answer) {
    PendingQuestion done = agent.questions().answer(answer);
    agent.journal().event(AgentEvent.Type.QUESTION_ANSWERED, done.turn(), "answered by " + done.answeredBy() + ": "
        + Text.abbreviate(done.answer(), 200), done.questionId(), BuiltinTools.ASK_HUMAN);
    return done;
  }

  @Override
  public void validateSetMemory(MemoryEdit edit) {
    if (edit == null) {
      throw new IllegalArgumentException("a memory edit needs the block's name and text");
    }
    agent.memory().validateSet(edit.block(), edit.text());
  }

  @Override
  public MemoryBlock setMemory(MemoryEdit edit) {
    MemoryBlock b = agent.memory().set(edit.block(), edit.text());
    agent.rememberChange(b, edit.editedBy() == null || edit.editedBy().isBlank() ? "a person" : edit.editedBy());
    return b;
  }

  // ---- schedules -----------------------------------------------------------------------------

  @Override
  public void validateSchedule(ScheduleAction action) {
    agent.scheduler().validate(action);
  }

  @Override
  public ScheduleState schedule(ScheduleAction action) {
    Scheduler scheduler = agent.scheduler();
    ScheduleState s = scheduler.apply(action, TemporalSchedules::enabled);
    agent.journal().event(AgentEvent.Type.SCHEDULE_CHANGED, agent.turn(), "schedule " + action.name() + ": " + action.action());
    if (scheduler.mode() == Scheduler.Mode.TEMPORAL && !action.action().equals("trigger")) {
      agent.schedules().sync();
      return scheduler.states().stream().filter(x -> x.name().equals(action.name())).findFirst().orElse(s);
    }
    return s;
  }

  @Override
  public void scheduleFired(String scheduleName) {
    if (!agent.scheduler().firedOnServer(scheduleName)) {
      log.info("agent {} ignored a firing of schedule '{}': paused, deleted or not a Temporal Schedule here",
          agent.agentId(), scheduleName);
    }
  }

  // ---- lifecycle: rewind and checkpoints -----------------------------------------------------

  @Override
  public void validateRewind(int toTurn) {
    agent.checkRewind(toTurn);
  }

  @Override
  public int rewind(int toTurn) {
    agent.readBackSegments();
    return Checkpoints.rewind(toTurn, agent.journal(), agent.memory(), agent.compactor(), agent.spec(), agent.turn());
  }

  @Override
  public AgentCheckpoint checkpoint(int atTurn) {
    // With older entries in segments a query cannot read them: the whole state goes out with the
    // segments' references, and the client reads them and cuts the checkpoint at the turn.
    if (atTurn <= 0 || atTurn >= agent.turn() || !agent.journal().segments().isEmpty()) {
      return new AgentCheckpoint(agent.spec(), agent.tenant(), agent.carriedState());
    }
    return new AgentCheckpoint(agent.spec(), agent.tenant(), Checkpoints.at(atTurn, agent.spec(), agent.journal().transcript()));
  }

  // ---- queries -------------------------------------------------------------------------------

  @Override
  public AgentSnapshot snapshot() {
    return agent.snapshot();
  }

  @Override
  public ModelContextView modelContext(long upToSeq) {
    return agent.compactor().view(upToSeq);
  }

  @Override
  public TranscriptPage transcript(long fromSeq, int limit) {
    return agent.journal().page(fromSeq, limit);
  }

  @Override
  public EventPage events(long afterSeq) {
    return agent.journal().eventsAfter(afterSeq, agent.stopRequested() && !agent.turnRunning());
  }
}
