package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.ChangeIds;
import io.temporal.workflow.Workflow;

/**
 * The sizes of what an agent keeps besides its transcript (events, message ids, segment references),
 * and whether this run keeps the small ones of change id {@code bounded-carried-state}: runs that
 * began before it keep the old, larger windows, so their histories replay.
 */
public final class StateBounds {

  /** Events kept before the change: about 200 turns' worth, 220 KB carried by every continue-as-new. */
  public static final int EVENTS_KEPT_BEFORE = 1_000;
  /** Events kept: more than one busy turn makes, so a watcher that polls once a turn misses none. */
  public static final int EVENTS_KEPT = 100;
  /** Message ids kept before the change. */
  public static final int MESSAGE_IDS_KEPT_BEFORE = 1_000;
  /** Ids of accepted messages kept besides the waiting ones: the window in which a client's retry is caught. */
  public static final int MESSAGE_IDS_KEPT = 100;
  /** Segment references of one level kept before the oldest of them are folded into an index segment. */
  public static final int SEGMENT_FANOUT = 8;

  private StateBounds() {}

  /** True when this run keeps the small windows; workflow code only (it records a version marker). */
  public static boolean bounded() {
    return Workflow.getVersion(ChangeIds.BOUNDED_CARRIED_STATE, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
