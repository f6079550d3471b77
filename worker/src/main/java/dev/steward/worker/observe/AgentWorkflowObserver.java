package dev.steward.worker.observe;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.tools.ToolInvocation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches one agent's workflow from outside its code: at each call the workflow makes to Temporal
 * (activities, child agents, timers, waits, search attributes) and after each signal and update, it
 * reads the agent's own event log (the {@code events} query method, a pure read) and
 *
 * <ul>
 *   <li>puts the agent id, run id and current turn in the MDC of the workflow thread (log lines);
 *   <li>passes the turn, for their log lines and spans, to activities whose input does not carry it
 *       (model and tool calls do) in a header;
 *   <li>counts ended turns by outcome, only for events that were not replayed and belong to this run
 *       (a continued-as-new run carries its predecessor's events), so a replay counts nothing twice;
 *   <li>keeps the agent's status and waiting approvals and questions for the gauges;
 *   <li>parents a turn's activities and sub-agents to the span its message arrived in ({@link TurnTraces}).
 * </ul>
 *
 * Workflows that are not agents (schedule wake-ups) pass through untouched.
 */
final class AgentWorkflowObserver extends WorkflowInboundCallsInterceptorBase {

  /**
   * The activity header that carries the agent's turn to activities whose input does not; model and
   * tool calls of this release carry it in their input (a header costs about 50 bytes of history
   * per activity), those scheduled by older releases in this header.
   */
  static final String TURN_HEADER = "steward-turn";

  /** Events after which the agent's status or what it waits for may have changed. */
  private static final Set<AgentEvent.Type> STATE_EVENTS = EnumSet.of(AgentEvent.Type.TURN_STARTED,
      AgentEvent.Type.TURN_ENDED, AgentEvent.Type.APPROVAL_NEEDED, AgentEvent.Type.APPROVAL_DECIDED,
      AgentEvent.Type.QUESTION_ASKED, AgentEvent.Type.QUESTION_ANSWERED, AgentEvent.Type.SLEEPING,
      AgentEvent.Type.TOOL_CALL_STARTED, AgentEvent.Type.STOPPED);

  private final StewardMeters meters;
  private final TurnTraces traces = new TurnTraces();
  private long seenSeq;
  private int turn;
  /** True while looking: what a look reads may itself read the clock, which would look again. */
  private boolean looking;

  AgentWorkflowObserver(WorkflowInboundCallsInterceptor next, StewardMeters meters) {
    super(next);
    this.meters = meters;
  }

  @Override
  public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
    super.init(new Outbound(outboundCalls));
  }

  @Override
  public WorkflowOutput execute(WorkflowInput input) {
    if (!WorkflowUnsafe.isReplaying()) {
      Span.current().setAttribute("steward.agent.id", Workflow.getInfo().getWorkflowId());
    }
    observe();
    WorkflowOutput output = super.execute(input);
    // Returning (not continuing as new, not evicted from the cache) means the agent has ended.
    if (agent() != null) {
      meters.agents().forget(Workflow.getInfo().getWorkflowId());
    }
    return output;
  }

  @Override
  public void handleSignal(SignalInput input) {
    observe();
    if ("send".equals(input.getSignalName()) && input.getArguments().length == 1) {
      traces.arrived(input.getArguments()[0]);
    }
    super.handleSignal(input);
    observe();
  }

  @Override
  public UpdateOutput executeUpdate(UpdateInput input) {
    observe();
    if ("ask".equals(input.getUpdateName()) && input.getArguments().length == 1) {
      traces.arrived(input.getArguments()[0]);
    }
    try {
      return super.executeUpdate(input);
    } finally {
      observe();
    }
  }

  private static AgentWorkflow agent() {
    return Workflow.getInstance() instanceof AgentWorkflow agent ? agent : null;
  }

  /**
   * Reads the events since the last look; see the class comment. Runs on a workflow thread. Never
   * throws: watching must not fail a workflow task (an agent not yet set up has no events to read).
   */
  private void observe() {
    if (looking) {
      return;
    }
    looking = true;
    try {
      look();
    } catch (RuntimeException e) {
      // Nothing to see yet; the next look catches up.
    } finally {
      looking = false;
    }
  }

  private void look() {
    AgentWorkflow agent = agent();
    if (agent == null) {
      return;
    }
    boolean replaying = WorkflowUnsafe.isReplaying();
    long runStarted = Workflow.getInfo().getRunStartedTimestampMillis();
    boolean stateChanged = seenSeq == 0;
    EventPage page;
    do {
      page = agent.events(seenSeq);
      for (AgentEvent event : page.events()) {
        seenSeq = Math.max(seenSeq, event.seq());
        turn = Math.max(turn, event.turn());
        stateChanged |= STATE_EVENTS.contains(event.type());
        if (event.type() == AgentEvent.Type.TURN_STARTED) {
          traces.turnStarted(event.text());
        } else if (event.type() == AgentEvent.Type.TURN_ENDED) {
          traces.turnEnded();
        }
        if (event.type() == AgentEvent.Type.TURN_ENDED && !replaying && event.timeMillis() >= runStarted) {
          meters.turnEnded(outcomeOf(event));
        }
      }
    } while (!page.events().isEmpty() && seenSeq < page.lastSeq());
    if (stateChanged) {
      AgentSnapshot snapshot = agent.snapshot();
      turn = Math.max(turn, snapshot.turn());
      meters.agents().put(snapshot.agentId(), new AgentStates.State(snapshot.status(),
          size(snapshot.pendingApprovals()), size(snapshot.pendingQuestions())));
    }
    AgentLogContext.set(Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId(), turn);
  }

  private static int size(java.util.List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** True when the activity's input says its turn itself (the activity side reads it there). */
  static boolean carriesTurn(Object[] args) {
    return args.length == 1 && turnInInput(args[0]) > 0;
  }

  /** The turn a model or tool call's input names; 0 for other inputs and for calls of older releases. */
  static int turnInInput(Object input) {
    return input instanceof ModelRequest request ? request.turn()
        : input instanceof ToolInvocation invocation ? invocation.turn() : 0;
  }

  /** The outcome word of a {@code TURN_ENDED} event's text, "turn 3 completed[: ...]". */
  static String outcomeOf(AgentEvent event) {
    // The third word, words parted by runs of spaces and colons; read without a regular expression,
    // since every ended turn is read here.
    String text = event.text();
    if (text == null || !text.startsWith("turn") || text.length() == 4 || !partsWords(text.charAt(4))) {
      return "unknown";
    }
    int number = skipParting(text, 4);
    int afterNumber = skipWord(text, number);
    int outcome = skipParting(text, afterNumber);
    if (afterNumber == number || outcome == text.length()) {
      return "unknown";
    }
    return text.substring(outcome, skipWord(text, outcome));
  }

  private static boolean partsWords(char c) {
    return c == ' ' || c == ':';
  }

  private static int skipParting(String text, int from) {
    while (from < text.length() && partsWords(text.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int skipWord(String text, int from) {
    while (from < text.length() && !partsWords(text.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The workflow's calls out, each preceded by a look at the agent. */
  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {

    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      observe();
      if (turn > 0 && !carriesTurn(input.getArgs())) {
        input.getHeader().getValues().put(TURN_HEADER, DefaultDataConverter.STANDARD_INSTANCE.toPayload(turn).get());
      }
      try (Scope scope = traces.enterTurn()) {
        return super.executeActivity(input);
      }
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      observe();
      try (Scope scope = traces.enterTurn()) {
        return super.executeLocalActivity(input);
      }
    }

    @Override
    public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
      observe();
      try (Scope scope = traces.enterTurn()) {
        return super.executeChildWorkflow(input);
      }
    }

    @Override
    public Promise<Void> newTimer(Duration duration) {
      observe();
      return super.newTimer(duration);
    }

    @Override
    public Promise<Void> newTimer(Duration duration, TimerOptions options) {
      observe();
      return super.newTimer(duration, options);
    }

    @Override
    public boolean await(Duration timeout, String reason, Supplier<Boolean> unblockCondition) {
      observe();
      return super.await(timeout, reason, unblockCondition);
    }

    @Override
    public void await(String reason, Supplier<Boolean> unblockCondition) {
      observe();
      // A parked thread keeps its thread locals for as long as the agent stays cached (an idle agent
      // waits here): the agent's keys leave the MDC while it waits and come back when it wakes.
      AgentLogContext.clear();
      try {
        super.await(reason, unblockCondition);
      } finally {
        observe();
      }
    }

    @Override
    public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... searchAttributeUpdates) {
      super.upsertTypedSearchAttributes(searchAttributeUpdates);
      observe();
    }

    // The agent reads the clock for every transcript entry and event it writes, so looking here too
    // puts a new turn in the MDC from the entries that open it on, not only from the turn's first
    // activity or timer: log lines in between no longer carry the previous turn. A look is a pure
    // read of the agent's state, so it adds no command and is the same on replay.
    @Override
    public long currentTimeMillis() {
      long now = super.currentTimeMillis();
      observe();
      return now;
    }

    @Override
    public int getVersion(String changeId, int minSupported, int maxSupported) {
      int version = super.getVersion(changeId, minSupported, maxSupported);
      observe();
      return version;
    }

    @Override
    public void continueAsNew(ContinueAsNewInput input) {
      observe();
      super.continueAsNew(input);
    }
  }
}
