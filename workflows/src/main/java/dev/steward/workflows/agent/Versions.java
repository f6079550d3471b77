package dev.steward.workflows.agent;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.util.Set;

/**
 * Which side of each guarded change this run takes, with one version marker per run instead of one
 * per change id: the SDK keeps a state machine and a marker command for every id a run asks, for as
 * long as the run is cached.
 *
 * <p>Every run asks {@link ChangeIds#ALL_CHANGES_THROUGH_FOLDED_ENTRIES} first (the workflow's
 * constructor calls {@link #begin()}). A run that records it (version 1) takes the new side of every
 * change id that existed when it was added, without asking the SDK; a run whose history was recorded
 * before it (replay returns {@code DEFAULT_VERSION} and records nothing) asks each id as it always
 * did, so old histories replay marker for marker. Ids added later are not covered and are always
 * asked. The answer is kept per run in a {@link WorkflowLocal}, never in a static.
 */
public final class Versions {

  /**
   * The ids the epoch answers, each at version 1: every change id up to and including
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

  /** The version every covered id counts as when the epoch is recorded. */
  private static final int COVERED_VERSION = 1;

  /** Whether this run recorded the epoch; asked once per run, on first use. */
  private static final WorkflowLocal<Boolean> IN_EPOCH = WorkflowLocal.withCachedInitial(
      () -> Workflow.getVersion(ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES, Workflow.DEFAULT_VERSION, 1) >= 1);

  private Versions() {}

  /**
   * Asks the epoch. Called first in every run (the constructor runs before any handler or the
   * workflow method), so it is asked in the run's first workflow task, before any other id.
   */
  public static void begin() {
    IN_EPOCH.get();
  }

  /**
   * True when this run takes version {@code version} or later of {@code changeId}: what
   * {@code Workflow.getVersion(changeId, DEFAULT_VERSION, version) >= version} answers, without a
   * marker of its own when the epoch covers the id. Workflow code only.
   *
   * @throws IllegalArgumentException for a covered id and a version above 1: covered ids are frozen,
   *     a further change needs a new id
   */
  public static boolean atLeast(String changeId, int version) {
    if (COVERED_BY_EPOCH.contains(changeId)) {
      if (version > COVERED_VERSION) {
        throw new IllegalArgumentException("change id " + changeId + " is covered by the epoch "
            + ChangeIds.ALL_CHANGES_THROUGH_FOLDED_ENTRIES + " at version " + COVERED_VERSION
            + ": guard a further change with a new change id");
      }
      if (IN_EPOCH.get()) {
        return true;
      }
    }
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, version) >= version;
  }

  /** The ids the epoch covers, for tests. */
  static Set<String> covered() {
    return COVERED_BY_EPOCH;
  }
}
