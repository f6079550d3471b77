package dev.steward.workflows.agent;

/**
 * Every {@code Workflow.getVersion} change id of the agent workflow, in one place. The strings are
 * in the histories of running agents: never rename or reuse one. A new id needs a committed history
 * that holds its marker (ChangeIdsTest checks both), see docs/ARCHITECTURE.md.
 */
public final class ChangeIds {

  /** The context is folded into a summary once it exceeds the memory's token budget. */
  public static final String CONTEXT_COMPACTION = "context-compaction";
  /** A long fold (after a rewind or a fork) runs in several summariser calls of bounded size. */
  public static final String COMPACTION_IN_CHUNKS = "compaction-in-chunks";
  /** The token budget also refuses a call that the last call's size says would overrun it. */
  public static final String BUDGET_PROJECTS_NEXT_CALL = "budget-projects-next-call";
  /** Cancelling the workflow stops the agent cleanly instead of failing the turn. */
  public static final String CANCEL_IS_STOP = "cancel-is-stop";
  /** A busy agent continues as new carrying its inbox, not only when idle. */
  public static final String CONTINUE_AS_NEW_WITH_BACKLOG = "continue-as-new-with-backlog";
  /** A model's "context too long" folds more into the summary and tries the step again. */
  public static final String CONTEXT_TOO_LONG_COMPACTS = "context-too-long-compacts";
  /** Schedules run as Temporal Schedules instead of the agent's own timer loop. */
  public static final String TEMPORAL_SCHEDULES = "temporal-schedules";
  /** A model that reuses a call id gets fresh ids, so results are not mixed up. */
  public static final String UNIQUE_CALL_IDS = "unique-call-ids";
  /** Wait timers (approval, question, sleep) are cancelled once the wait is over. */
  public static final String TIMERS_CANCELLED_WHEN_DONE = "timers-cancelled-when-done";
  /** Waits inside tools (sleep, ask_human, other agents) end at the turn's time limit. */
  public static final String WAITS_END_AT_TURN_LIMIT = "waits-end-at-turn-limit";
  /** Approval policies match wildcards such as {@code server.*}. */
  public static final String APPROVAL_WILDCARDS = "approval-wildcards";
  /** Tool activities heartbeat, take their declared timeout and are cancelled on stop. */
  public static final String TOOL_CALLS_HEARTBEAT_AND_CANCEL = "tool-calls-heartbeat-and-cancel";
  /** A model with a fallback after it is retried by the workflow within fallback_after, then left. */
  public static final String FALLBACK_RETRY_BUDGET = "fallback-retry-budget";

  /** An invalid workflow input fails the workflow at once; an invalid spec update is ignored. */
  public static final String INPUT_VALIDATED = "input-validated";

  /** Folded transcript entries move into segments in the blob store after a turn; a rewind reads them back. */
  public static final String TRANSCRIPT_SEGMENTS = "transcript-segments";

  /**
   * The carried state stays flat: the last 100 events and 100 message ids (plus the waiting ones),
   * and old segment references folded into index segments.
   */
  public static final String BOUNDED_CARRIED_STATE = "bounded-carried-state";

  /**
   * The schedules' loop runs in its own workflow thread only once the agent has schedules, so an
   * idle agent without any holds one parked thread (its stack) instead of two.
   */
  public static final String SCHEDULER_LOOP_ON_DEMAND = "scheduler-loop-on-demand";

  /** The end of a turn publishes usage and status in one search-attribute upsert, not three. */
  public static final String ONE_UPSERT_PER_TURN_END = "one-upsert-per-turn-end";

  /** The model activity's input names the model and tools by the spec's content hash, not in full. */
  public static final String SPEC_BY_HASH = "spec-by-hash";

  /**
   * Folded transcript entries leave the state at the end of the turn that folded them, in segments of
   * at most {@code segment_entries}, instead of waiting until a full segment of them has piled up.
   */
  public static final String FOLDED_ENTRIES_WRITTEN_AT_ONCE = "folded-entries-written-at-once";

  /**
   * The epoch: a run that records it takes version 1 of every id above without asking for each, so
   * it keeps one version marker instead of twenty ({@link Versions}). Ids added after it are asked
   * on their own.
   */
  public static final String ALL_CHANGES_THROUGH_FOLDED_ENTRIES = "all-changes-through-folded-entries";

  /**
   * Each turn runs on a workflow thread of its own, the main thread awaiting it: the main thread
   * parks shallow between turns, and the turn's deep stack goes with its thread (a cached idle
   * agent keeps its parked thread's stack).
   */
  public static final String TURN_ON_ITS_OWN_THREAD = "turn-on-its-own-thread";

  /**
   * The second epoch: a run that records it takes version 1 of every id the first epoch covers and
   * of {@link #TURN_ON_ITS_OWN_THREAD}, without asking the first epoch or any of them ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_TURN_THREAD = "all-changes-through-turn-thread";

  /**
   * A turn that writes a transcript segment also moves the events older than the newest 20 into it;
   * the {@code events} query then names the segments that hold older events. Asked on its own, in runs
   * that write segments, until the third epoch covers it.
   */
  public static final String EVENTS_IN_SEGMENTS = "events-in-segments";

  /**
   * A run's first status publish upserts {@code StewardStatus} only when the value the run started
   * with (set by the client's start, or inherited by a continued run) differs from it: a new idle
   * agent records no upsert in its first workflow task.
   */
  public static final String STATUS_KNOWN_FROM_START = "status-known-from-start";

  /**
   * The third epoch: a run that records it takes version 1 of every id the first and second epochs
   * cover, of {@link #EVENTS_IN_SEGMENTS} and of {@link #STATUS_KNOWN_FROM_START}, without asking
   * any older epoch or any of them ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_STATUS_KNOWN = "all-changes-through-status-known";

  /**
   * An agent whose start set {@code StewardStatus} but not {@code StewardCostUsd} and
   * {@code StewardTotalTokens} (a new agent: Steward's client leaves those out while they are zero,
   * since the SDK keeps every cached agent's start attributes in memory) gets them with the first
   * usage it publishes. Asked only for such an agent.
   */
  public static final String USAGE_ATTRIBUTES_AT_FIRST_PUBLISH = "usage-attributes-at-first-publish";

  /**
   * The fourth epoch: a run that records it takes version 1 of every id the older epochs cover and
   * of {@link #USAGE_ATTRIBUTES_AT_FIRST_PUBLISH}, without asking any older epoch or any of them
   * ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES = "all-changes-through-usage-attributes";

  /**
   * {@code current_time} runs as a local activity: in the workflow task that asked for it, with its
   * result in a marker, instead of a scheduled activity and a workflow task of its own.
   */
  public static final String CURRENT_TIME_AS_LOCAL_ACTIVITY = "current-time-as-local-activity";

  /**
   * The fifth epoch: a run that records it takes version 1 of every id the older epochs cover and
   * of {@link #CURRENT_TIME_AS_LOCAL_ACTIVITY}, without asking any older epoch or any of them
   * ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME = "all-changes-through-local-current-time";

  /**
   * A step with one tool call runs it on the turn's thread, not on a workflow thread of its own:
   * every live workflow thread is woken on each pass of the workflow's event loop, and a step with
   * one call has nothing to run beside it.
   */
  public static final String SINGLE_TOOL_CALL_ON_TURN_THREAD = "single-tool-call-on-turn-thread";

  /**
   * The sixth epoch: a run that records it takes version 1 of every id the older epochs cover and
   * of {@link #SINGLE_TOOL_CALL_ON_TURN_THREAD}, without asking any older epoch or any of them
   * ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD =
      "all-changes-through-single-call-on-turn-thread";

  /**
   * An {@code ask} that finds the agent idle runs its turn on its own handler thread, not on a turn
   * thread the root starts while the handler waits: a turn then has two live workflow threads (the
   * root and the handler), not three, and each is woken on every pass of the event loop.
   */
  public static final String ASK_TURN_ON_ITS_HANDLER = "ask-turn-on-its-handler";

  /**
   * The seventh epoch: a run that records it takes version 1 of every id the older epochs cover and
   * of {@link #ASK_TURN_ON_ITS_HANDLER}, without asking any older epoch or any of them ({@link
   * Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER = "all-changes-through-ask-turn-on-handler";

  /**
   * The {@code ask} that comes with the start (update-with-start) runs its turn on its own handler
   * too: the SDK runs it before the workflow method, which then finds the turn running and waits for
   * it, so a new agent's first turn has two live workflow threads, not three.
   */
  public static final String ASK_AT_START_RUNS_ITS_TURN = "ask-at-start-runs-its-turn";

  /**
   * The eighth epoch: a run that records it (or whose input names it) takes version 1 of every id the
   * older epochs cover and of {@link #ASK_AT_START_RUNS_ITS_TURN}, without asking any older epoch or
   * any of them ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_ASK_AT_START = "all-changes-through-ask-at-start";

  /**
   * An {@code ask} takes its message only after the signals its workflow task brought: on the Java
   * test server, which sequences an update by its task's scheduled event, the SDK may run the ask's
   * handler before those of signals the client sent first. A spec update or a message sent just
   * before an ask then comes before the ask's turn, as it was sent, whichever order the SDK chose.
   */
  public static final String ASK_AFTER_SIGNALS_OF_ITS_TASK = "ask-after-signals-of-its-task";

  /**
   * The ninth epoch: a run that records it (or whose input names it) takes version 1 of every id the
   * older epochs cover and of {@link #ASK_AFTER_SIGNALS_OF_ITS_TASK}, without asking any older epoch
   * or any of them ({@link Versions}).
   */
  public static final String ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS = "all-changes-through-ask-after-signals";

  private ChangeIds() {}
}
