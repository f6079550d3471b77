package dev.steward.workflows.agent;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Which side of each guarded change this run takes, with one version marker per run instead of one
 * per change id: the SDK keeps a state machine and a marker command for every id a run asks, for as
 * long as the run is cached.
 *
 * <p>Every run asks the newest epoch first (the workflow's constructor calls {@link #begin}):
 * {@link ChangeIds#ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS}; only when that returns {@code
 * DEFAULT_VERSION} (a history recorded before it) the eighth epoch
 * {@link ChangeIds#ALL_CHANGES_THROUGH_ASK_AT_START}, then the seventh
 * {@link ChangeIds#ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER}, then the sixth
 * {@link ChangeIds#ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD}, then the fifth
 * {@link ChangeIds#ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME}, then the fourth
 * {@link ChangeIds#ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES}, then the third
 * {@link ChangeIds#ALL_CHANGES_THROUGH_STATUS_KNOWN}, then the second
 * {@link ChangeIds#ALL_CHANGES_THROUGH_TURN_THREAD}, and only when that returns {@code DEFAULT_VERSION} too the first epoch
 * {@link ChangeIds#ALL_CHANGES_THROUGH_FOLDED_ENTRIES}. A run that recorded an epoch takes version 1
 * of every change id that epoch covers (each epoch covers all the older epochs' ids) without asking
 * the SDK; an id its epoch does not cover is asked as it always was, so old histories replay marker
 * for marker. Ids added after the newest epoch are not covered and are always asked. The answer is
 * kept per run in a {@link WorkflowLocal}, never in a static.
 *
 * <p>A run whose starter wrote its own epoch in the input ({@link AgentInput#changeEpoch}, every
 * input this code builds) records no marker at all when its worker knows that epoch: the first time
 * the run's first workflow task executes, the run takes that epoch without asking. The SDK gives each
 * {@code getVersion} of a new run a callback thread and one more pass over every workflow thread,
 * an eighth to a sixth of a new agent's first reply in-process (docs/BENCHMARKS.md). When that task is
 * replayed, the markers are asked as above; a replay finds none where the run took its starter's
 * epoch, and one where a worker that did not read the epoch ran that task (an older one, or one
 * that does not know the epoch yet): the marker it recorded decides, as it did then. A run's epoch
 * is thus always read from its own history: its input, then its markers. (The SDK runs the last task
 * of a query's history as new, {@code getVersion} included: a query of a run whose only task such a
 * worker ran sees the written epoch until the next task replays it as recorded.)
 */
public final class Versions {

  /**
   * The ids the first epoch answers, each at version 1: every change id up to and including
   * {@link ChangeIds#FOLDED_ENTRIES_WRITTEN_AT_ONCE}. Never add to this set: a history recorded
   * under the epoch ran exactly these ids at version 1 and no other.
   */
  private static final Set<String> COVERED_BY_EPOCH = Set.of(
      ChangeIds.CONTEXT_COMPACTION,
      ChangeIds.COMPACTION_IN_CHUNKS,
      ChangeIds.BUDGET_PROJECTS_NEXT_CALL,
      ChangeIds.CANCEL_IS_STOP,
      ChangeIds.CONTINUE_AS_NEW_WITH_BACKLOG,
      ChangeIds.CONTEXT_TOO_LONG_COMPACTS,
      ChangeIds.TEMPORAL_SCHEDULES,
      ChangeIds.UNIQUE_CALL_IDS,
      ChangeIds.TIMERS_CANCELLED_WHEN_DONE,
      ChangeIds.WAITS_END_AT_TURN_LIMIT,
      ChangeIds.APPROVAL_WILDCARDS,
      ChangeIds.TOOL_CALLS_HEARTBEAT_AND_CANCEL,
      ChangeIds.FALLBACK_RETRY_BUDGET,
      ChangeIds.INPUT_VALIDATED,
      ChangeIds.TRANSCRIPT_SEGMENTS,
      ChangeIds.BOUNDED_CARRIED_STATE,
      ChangeIds.SCHEDULER_LOOP_ON_DEMAND,
      ChangeIds.ONE_UPSERT_PER_TURN_END,
      ChangeIds.SPEC_BY_HASH,
      ChangeIds.FOLDED_ENTRIES_WRITTEN_AT_ONCE);

  /**
   * The ids the second epoch answers on top of the first's, each at version 1. Never add to this
   * set either: a further change gets its own id (asked on its own) or a third epoch.
   */
  private static final Set<String> ADDED_BY_SECOND_EPOCH = Set.of(ChangeIds.TURN_ON_ITS_OWN_THREAD);

  /**
   * The ids the third epoch answers on top of the second's, each at version 1. Frozen like the
   * others. {@code events-in-segments} was asked on its own under the second epoch: such histories
   * still ask it (the second epoch does not cover it).
   */
  private static final Set<String> ADDED_BY_THIRD_EPOCH =
      Set.of(ChangeIds.EVENTS_IN_SEGMENTS, ChangeIds.STATUS_KNOWN_FROM_START);

  /** The ids the fourth epoch answers on top of the third's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_FOURTH_EPOCH = Set.of(ChangeIds.USAGE_ATTRIBUTES_AT_FIRST_PUBLISH);

  /** The ids the fifth epoch answers on top of the fourth's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_FIFTH_EPOCH = Set.of(ChangeIds.CURRENT_TIME_AS_LOCAL_ACTIVITY);

  /** The ids the sixth epoch answers on top of the fifth's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_SIXTH_EPOCH = Set.of(ChangeIds.SINGLE_TOOL_CALL_ON_TURN_THREAD);

  /** The ids the seventh epoch answers on top of the sixth's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_SEVENTH_EPOCH = Set.of(ChangeIds.ASK_TURN_ON_ITS_HANDLER);

  /** The ids the eighth epoch answers on top of the seventh's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_EIGHTH_EPOCH = Set.of(ChangeIds.ASK_AT_START_RUNS_ITS_TURN);

  /** The ids the ninth epoch answers on top of the eighth's, each at version 1. Frozen like the others. */
  private static final Set<String> ADDED_BY_NINTH_EPOCH = Set.of(ChangeIds.ASK_AFTER_SIGNALS_OF_ITS_TASK);

  /** The version every covered id counts as when its epoch is recorded. */
  private static final int COVERED_VERSION = 1;

  /**
   * The oldest epoch a starter may name in its input: the code that first wrote and read it knew no
   * newer one. A smaller number is none.
   */
  private static final int FIRST_WRITTEN_EPOCH = 7;

  /** Which epoch this run takes; set once per run by {@link #begin}, before any other id is asked. */
  private static final WorkflowLocal<Integer> EPOCH = WorkflowLocal.withCachedInitial(Versions::recorded);

  /**
   * Which epoch this run recorded: 9, 8, 7, 6, 5, 4, 3, 2, 1, or 0 for none. An older epoch is asked only
   * when every newer one is not in the history, so a run that asks records one marker.
   */
  private static int recorded() {
    // Each id named as its constant: ChangeIdsTest reads these calls from the source.
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 9;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_ASK_AT_START, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 8;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 7;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 6;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 5;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 4;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_STATUS_KNOWN, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 3;
    }
    if (Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_TURN_THREAD, Workflow.DEFAULT_VERSION, 1) >= 1) {
      return 2;
    }
    return Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES, Workflow.DEFAULT_VERSION, 1) >= 1 ? 1 : 0;
  }

  private Versions() {}

  /**
   * Settles the run's epoch. Called first in every run (the constructor runs before any handler or
   * the workflow method), so it is settled in the run's first workflow task, before any other id.
   *
   * @param written the epoch the run's starter wrote in its input ({@link AgentInput#changeEpoch}), or 0
   */
  public static void begin(int written) {
    boolean known = written >= FIRST_WRITTEN_EPOCH && written <= newest();
    if (known && !Workflow.isReplaying()) {
      // The task's first execution: nothing recorded yet, and nothing needs to be.
      EPOCH.set(written);
      return;
    }
    int recorded = recorded();
    EPOCH.set(recorded == 0 && known ? written : recorded);
  }

  /** This run's epoch, 0 for none. Workflow code only. */
  static int epoch() {
    return EPOCH.get();
  }

  /**
   * The newest epoch, and how many there are (numbered from 1, oldest first): the one a run started
   * by this code takes, and inputs it builds name.
   */
  static int newest() {
    return EPOCH_IDS.length - 1;
  }

  /**
   * True when this run takes version {@code version} or later of {@code changeId}: what
   * {@code Workflow.getVersion(changeId, DEFAULT_VERSION, version) >= version} answers, without a
   * marker of its own when the run's epoch covers the id. Workflow code only.
   *
   * @throws IllegalArgumentException for a covered id and a version above 1: covered ids are frozen,
   *     a further change needs a new id
   */
  public static boolean atLeast(String changeId, int version) {
    int coveredFrom = epochCovering(changeId);
    if (coveredFrom > 0) {
      if (version > COVERED_VERSION) {
        throw new IllegalArgumentException("change id " + changeId + " is covered by the epoch "
            + EPOCH_IDS[coveredFrom] + " at version " + COVERED_VERSION
            + ": guard a further change with a new change id");
      }
      if (EPOCH.get() >= coveredFrom) {
        return true;
      }
    }
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, version) >= version;
  }

  /** Each epoch's own change id, by number (index 0 unused). */
  private static final String[] EPOCH_IDS = {null, ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES,
      ChangeIds.ALL_CHANGES_THROUGH_TURN_THREAD, ChangeIds.ALL_CHANGES_THROUGH_STATUS_KNOWN,
      ChangeIds.ALL_CHANGES_THROUGH_USAGE_ATTRIBUTES, ChangeIds.ALL_CHANGES_THROUGH_LOCAL_CURRENT_TIME,
      ChangeIds.ALL_CHANGES_THROUGH_SINGLE_CALL_ON_TURN_THREAD, ChangeIds.ALL_CHANGES_THROUGH_ASK_TURN_ON_HANDLER,
      ChangeIds.ALL_CHANGES_THROUGH_ASK_AT_START, ChangeIds.ALL_CHANGES_THROUGH_ASK_AFTER_SIGNALS};

  /** What each epoch adds to the ids the older ones cover, by number (index 0 unused). */
  private static final List<Set<String>> ADDED_BY_EPOCH = Arrays.asList(null, COVERED_BY_EPOCH,
      ADDED_BY_SECOND_EPOCH, ADDED_BY_THIRD_EPOCH, ADDED_BY_FOURTH_EPOCH, ADDED_BY_FIFTH_EPOCH,
      ADDED_BY_SIXTH_EPOCH, ADDED_BY_SEVENTH_EPOCH, ADDED_BY_EIGHTH_EPOCH,
      ADDED_BY_NINTH_EPOCH);

  /** The oldest epoch that covers {@code changeId}, or 0 when none does. */
  private static int epochCovering(String changeId) {
    for (int epoch = 1; epoch < ADDED_BY_EPOCH.size(); epoch++) {
      if (ADDED_BY_EPOCH.get(epoch).contains(changeId)) {
        return epoch;
      }
    }
    return 0;
  }

  /** Epoch {@code epoch}'s own change id (its marker's). */
  static String epochId(int epoch) {
    return EPOCH_IDS[epoch];
  }

  /** The ids epoch {@code epoch} covers besides the older epochs' (for the first: all it covers). */
  static Set<String> addedBy(int epoch) {
    return ADDED_BY_EPOCH.get(epoch);
  }
}
