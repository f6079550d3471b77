package dev.steward.activities.tools;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;

/** Heartbeats for tools that wait on something slow; nothing happens outside an activity (tests). */
public final class Heartbeats {

  private Heartbeats() {}

  /**
   * A heartbeat for the running activity. Running it throws
   * {@link io.temporal.client.ActivityCompletionException} once Temporal has cancelled the activity,
   * which is how a waiting tool learns to stop.
   */
  public static Runnable current() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (RuntimeException e) {
      return () -> {};
    }
    return () -> context.heartbeat(null);
  }
}
