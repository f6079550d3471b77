package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;

/**
 * The sizes of what an agent keeps besides its transcript (events, message ids, segment references),
 * and whether this run keeps the small ones of change id {@code bounded-carried-state}: runs that
 * began before it keep the old, larger windows, so their histories replay.
 */
public final class StateBounds {

  /** Events kept before the change: about 200 turns' worth, 220 KB carried by every continue-as-new. */
  public static final int EVENTS_KEPT_BEFORE = 1_000;
  /**
   * Events kept: a watcher that reads every few seconds misses none (the gateway's Watch reads far more
   * often); one that falls further behind is told by the oldest seq it gets and skips ahead. The
   * transcript, not the event log, is the agent's complete record.
   */
  public static final int EVENTS_KEPT = 100;
  /**
   * Events an agent keeps in its state after a turn that wrote a transcript segment, since change id
   * {@code events-in-segments}: the older ones went into that segment. Enough for the worker's
   * observer (which reads after every workflow task) and a watcher that keeps up; one behind reads the
   * rest from the segments.
   */
  public static final int EVENTS_HELD = 20;
  /** Message ids kept before the change. */
  public static final int MESSAGE_IDS_KEPT_BEFORE = 1_000;
  /**
   * Ids of accepted messages that came with an id of their own (a client's, which it may retry), kept
   * besides the waiting ones: the window in which a client's retry is caught. Ids the agent made up
   * (a message sent without one, a schedule's) never recur and take no room.
   */
  public static final int MESSAGE_IDS_KEPT = 100;
  /** Segment references of one level kept before the oldest of them are folded into an index segment. */
  public static final int SEGMENT_FANOUT = 8;

  private StateBounds() {}

  /** True when this run keeps the small windows; workflow code only (it records a version marker). */
  public static boolean bounded() {
    return Versions.atLeast(ChangeIds.BOUNDED_CARRIED_STATE, 1);
  }
}
