package dev.steward.activities.context;

import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.CountedMessages;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Model contexts handed from a worker's agent workflows to the same worker's model activities, so
 * that a model step picked up by the worker that scheduled it needs no {@code modelContext} query.
 *
 * <p>When an agent schedules a {@code Model} activity, the worker running that workflow task puts
 * the view the query would answer here, keyed by the activity it scheduled; the activity takes it
 * (once: an entry leaves when taken) and queries the agent only on a miss: another worker picked the
 * activity up, the worker restarted, a retry after the first attempt took the entry, an entry
 * dropped as too old or for room, or one dropped because a signal or update changed the agent in
 * between. It is a cache: the agent stays the source of truth.
 *
 * <p>One per worker (never static): the worker's interceptor and its model activities share it.
 * Bounded by entries ({@value #DEFAULT_CAPACITY} by default), by characters held (the views'
 * texts, {@value #DEFAULT_MAX_CHARS} by default) and by age (5 s by default); the oldest entries go
 * first. Thread-safe; views are kept in immutable lists ({@link CountedMessages}: the agent's own,
 * or a copy), so nothing mutable is shared between a workflow thread and an activity thread.
 */
public final class ModelContextHandoff {

  /** Entries kept at most; one per model activity scheduled and not yet started on this worker. */
  public static final int DEFAULT_CAPACITY = 1_000;
  /** Characters of views kept at most (about 16 to 32 MB); a larger view is not kept, and is queried. */
  public static final long DEFAULT_MAX_CHARS = 16_000_000;
  /**
   * How long an entry waits for its activity; an activity that starts later queries. Short: a view
   * left here while the agent moved to another worker (evicted, sticky queue timed out) misses what
   * a handler changed there meanwhile, which the query would see.
   */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);

  /**
   * Which scheduled model call a view is for. The SDK's activity ids are unique within a run (a
   * deterministic UUID per scheduled activity), so a retry of a step after compaction, or a
   * fallback model for the same step, never finds the view of an earlier call.
   *
   * @param contextSeq the request's transcript position, checked as well
   */
  public record Key(String workflowId, String runId, String activityId, long contextSeq) {
    public Key {
      Objects.requireNonNull(workflowId, "workflowId");
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(activityId, "activityId");
    }
  }

  private record Entry(ModelContextView view, long chars, long putNanos) {}

  private final int capacity;
  private final long maxChars;
  private final long maxAgeNanos;
  private final LongSupplier nanoClock;
  /** In the order put, so the oldest entry is first. */
  private final Map<Key, Entry> entries = new LinkedHashMap<>();
  private long chars;
  private long hits;
  private long misses;

  /** A handoff with the default bounds. */
  public ModelContextHandoff() {
    this(DEFAULT_CAPACITY, DEFAULT_MAX_CHARS, DEFAULT_MAX_AGE, System::nanoTime);
  }

  /**
   * @param capacity entries kept at most; 0 keeps nothing (every activity queries)
   * @param maxChars characters of views kept at most
   * @param maxAge how long an entry is kept when its activity does not take it
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their own)
   */
  public ModelContextHandoff(int capacity, long maxChars, Duration maxAge, LongSupplier nanoClock) {
    this.capacity = Math.max(0, capacity);
    this.maxChars = Math.max(0, maxChars);
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** A handoff that keeps nothing: every model activity reads its context by query. */
  public static ModelContextHandoff off() {
    return new ModelContextHandoff(0, 0, Duration.ZERO, System::nanoTime);
  }

  /** False for {@link #off()}: then there is no point in computing a view to put. */
  public boolean enabled() {
    return capacity > 0;
  }

  /** Keeps {@code view} for the activity of {@code key}, replacing what was kept for it. */
  public void put(Key key, ModelContextView view) {
    if (!enabled()) {
      return;
    }
    ModelContextView frozen = frozen(view);
    long size = charsOf(frozen);
    synchronized (this) {
      Entry old = entries.remove(key);
      if (old != null) {
        chars -= old.chars();
      }
      if (size > maxChars) {
        return;
      }
      entries.put(key, new Entry(frozen, size, nanoClock.getAsLong()));
      chars += size;
      trim();
    }
  }

  /** The view kept for {@code key}, removed from here; null when there is none (then query the agent). */
  public synchronized ModelContextView take(Key key) {
    trim();
    Entry entry = entries.remove(key);
    if (entry == null) {
      misses++;
      return null;
    }
    chars -= entry.chars();
    hits++;
    return entry.view();
  }

  /**
   * Drops every view kept for one run: something changed the agent after they were computed (a
   * person's memory edit, a rewind), so its activities must ask the agent itself.
   */
  public synchronized void forgetRun(String workflowId, String runId) {
    Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Entry> e = it.next();
      if (e.getKey().workflowId().equals(workflowId) && e.getKey().runId().equals(runId)) {
        chars -= e.getValue().chars();
        it.remove();
      }
    }
  }

  /** Views kept now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Takes that found a view, since this handoff was made. */
  public synchronized long hits() {
    return hits;
  }

  /** Takes that found none (the activity then queried), since this handoff was made. */
  public synchronized long misses() {
    return misses;
  }

  /** Drops the oldest entries while there are too many, they hold too much, or they are too old. */
  private void trim() {
    long now = nanoClock.getAsLong();
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry oldest = it.next();
      boolean drop = entries.size() > capacity || chars > maxChars || now - oldest.putNanos() > maxAgeNanos;
      if (!drop) {
        return;
      }
      chars -= oldest.chars();
      it.remove();
    }
  }

  /**
   * The view with its messages in an immutable, counted list: the agent's own list as it is (the
   * agent counted it when it made the view), any other list copied and counted.
   */
  private static ModelContextView frozen(ModelContextView view) {
    CountedMessages messages = CountedMessages.of(view.messages());
    return messages == view.messages() ? view : new ModelContextView(view.system(), messages);
  }

  /** The view's characters; its counted messages say theirs, so nothing is counted again. */
  private static long charsOf(ModelContextView view) {
    return (view.system() == null ? 0 : view.system().length()) + CountedMessages.charsOf(view.messages());
  }
}
