package dev.steward.activities;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * One daemon thread for the activities' timed work: the HTTP calls' deadlines, and the
 * {@link Sweeper}'s looks. Most deadlines are cancelled long before they are due (a call ends
 * first): a cancelled task leaves the queue at once, so a busy worker's queue holds only the calls
 * still running, not every call of the last seconds with what it refers to.
 */
public final class DaemonTicker {

  private DaemonTicker() {}

  /** A new ticker whose thread is called {@code threadName}. */
  public static ScheduledExecutorService named(String threadName) {
    ScheduledThreadPoolExecutor ticker = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    ticker.setRemoveOnCancelPolicy(true);
    return ticker;
  }
}
