package dev.steward.activities.tools;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/**
 * Heartbeats for tools that wait on something slow; nothing happens outside an activity (tests) or in
 * a local activity (Temporal ignores its heartbeats: the workflow task that runs it is what a dead
 * worker times out).
 */
public final class Heartbeats {

  /** The heartbeat of a call whose beats would reach no one. */
  public static final Runnable NONE = () -> { };

  private Heartbeats() {}

  /**
   * A heartbeat for the running activity, or {@link #NONE}. Running it throws
   * {@link io.temporal.client.ActivityCompletionException} once Temporal has cancelled the activity,
   * which is how a waiting tool learns to stop.
   */
  public static Runnable current() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (RuntimeException e) {
      return NONE;
    }
    return context.getInfo().isLocal() ? NONE : () -> context.heartbeat(null);
  }
}
