package dev.steward.activities;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the periodic work of calls in flight (keep-alive heartbeats) on one daemon thread that looks
 * every {@link #GRAIN}. Starting and ending a task only adds it to and removes it from a set, so a
 * call that ends before its first tick (nearly every call) wakes no thread, where a scheduled
 * executor wakes its thread for each new task that lands at the head of its queue.
 */
public final class Sweeper {

  /** How often the thread looks; a task runs up to this late. */
  static final Duration GRAIN = Duration.ofMillis(200);

  /** A task of a call in flight; {@link #close()} ends it. */
  public interface Task extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Holder {
    static final Sweeper SHARED = new Sweeper("steward-keepalive");
  }

  private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

  Sweeper(String threadName) {
    ScheduledExecutorService thread = DaemonTicker.named(threadName);
    thread.scheduleWithFixedDelay(this::sweep, GRAIN.toMillis(), GRAIN.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The process's sweeper, its thread started on first use. */
  public static Sweeper shared() {
    return Holder.SHARED;
  }

  /** Runs {@code tick} once {@code first} has passed, then every {@code period}, until the task is closed. */
  public Task every(Duration first, Duration period, Runnable tick) {
    Entry entry = new Entry(System.nanoTime() + first.toNanos(), period.toNanos(), tick);
    entries.add(entry);
    return () -> entries.remove(entry);
  }

  /** How many tasks are running (for tests). */
  int running() {
    return entries.size();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Entry entry : entries) {
      if (now - entry.due >= 0) {
        entry.due = now + entry.period;
        try {
          entry.tick.run();
        } catch (RuntimeException e) {
          // A task handles its own failures; one that throws must not stop the others' ticks.
        }
      }
    }
  }

  /** Compared by identity: two calls' tasks are two entries. */
  private static final class Entry {
    volatile long due;
    final long period;
    final Runnable tick;

    Entry(long due, long period, Runnable tick) {
      this.due = due;
      this.period = period;
      this.tick = tick;
    }
  }
}
