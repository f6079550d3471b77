package dev.steward.activities.model.limits;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Holds model calls back to their {@link ModelLimits} in this worker process: a call first waits for
 * a free slot under the model's concurrency limit, then for its requests-per-second limit, and gives
 * the slot back when it ends. Waiting happens before the provider is called, so it never shows as a
 * model error or eats into the provider's own timeout.
 *
 * <p>These limits are per process. For a limit across a fleet of workers see docs/PROVIDERS.md
 * ("Rate limits"): a task queue per model with a server-enforced rate.
 */
public final class ModelRateLimits {

  /**
   * Failure type when a call waited its whole {@code maxWait} without a turn (retryable, after
   * {@link #BUSY_RETRY_DELAY}, perhaps on another worker), or the worker stopped while it waited.
   */
  public static final String WORKER_BUSY = "ModelWorkerBusy";

  /** How soon a call that gave up waiting is tried again: 1 s. */
  public static final Duration BUSY_RETRY_DELAY = Duration.ofSeconds(1);

  /** Called while a call waits, at least every {@code checkEvery}; throws to stop waiting (say, on cancellation). */
  @FunctionalInterface
  public interface Waiting {
    void stillWaiting();

    Waiting NONE = () -> {};
  }

  /** A call's turn under its model's limits; closing it frees the slot. Closing twice frees it once. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private static final Permit NOTHING_HELD = () -> {};

  private final ModelLimits limits;
  private final LongSupplier nanoTime;
  private final long checkEveryNanos;
  private final ConcurrentMap<String, Gate> gates = new ConcurrentHashMap<>();

  /** These limits, with the system clock, telling waiters every 2 s (the model keep-alive interval). */
  public ModelRateLimits(ModelLimits limits) {
    this(limits, System::nanoTime, Duration.ofSeconds(2));
  }

  /**
   * @param nanoTime a monotonic clock in nanoseconds, for the rate limits and {@code maxWait}
   * @param checkEvery the longest a waiting call goes without {@link Waiting#stillWaiting()}
   */
  public ModelRateLimits(ModelLimits limits, LongSupplier nanoTime, Duration checkEvery) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.checkEveryNanos = Math.max(1, checkEvery.toNanos());
  }

  /** The rules these limits follow. */
  public ModelLimits limits() {
    return limits;
  }

  /**
   * Waits until the model may be called.
   *
   * @param label the model's label, e.g. {@code openai/gpt-4.1}
   * @param maxWait the longest to wait; null for no bound
   * @param waiting told while the call waits; an exception it throws ends the wait and propagates
   * @throws ApplicationFailure of type {@link #WORKER_BUSY} when {@code maxWait} passes or the
   *     thread is interrupted; whatever {@code waiting} throws. Nothing is held after a throw.
   */
  public Permit acquire(String label, Duration maxWait, Waiting waiting) {
    String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    Gate gate = gates.computeIfAbsent(key, k -> new Gate(k, limits.forModel(k), nanoTime));
    long start = nanoTime.getAsLong();
    Wait wait = new Wait(gate, start, maxWait == null ? Long.MAX_VALUE : Math.max(0, maxWait.toNanos()), waiting);
    boolean slot = false;
    try {
      if (gate.slots != null) {
        wait.forSlot();
        slot = true;
      }
      if (gate.bucket != null) {
        wait.forToken();
      }
    } catch (RuntimeException | Error e) {
      if (slot) {
        gate.slots.release();
      }
      throw e;
    }
    return slot ? new SlotPermit(gate.slots) : NOTHING_HELD;
  }

  /** Calls to this model running now (held slots); for tests and metrics. */
  int running(String label) {
    Gate gate = gates.get(label.trim().toLowerCase(Locale.ROOT));
    return gate == null || gate.slots == null ? 0 : gate.limit.concurrency() - gate.slots.availablePermits();
  }

  /** One model's slots and rate. */
  private static final class Gate {
    final String label;
    final ModelLimit limit;
    final Semaphore slots;
    final TokenBucket bucket;

    Gate(String label, ModelLimit limit, LongSupplier nanoTime) {
      this.label = label;
      this.limit = limit;
      // Fair, so a long-waiting call is not overtaken forever by newcomers.
      this.slots = limit.unlimitedConcurrency() ? null : new Semaphore(limit.concurrency(), true);
      this.bucket = limit.unlimitedRate() ? null : new TokenBucket(limit.rps(), nanoTime);
    }
  }

  /** One call's wait: tells {@link Waiting} regularly and gives up at its deadline. */
  private final class Wait {
    private final Gate gate;
    private final long start;
    private final long maxWaitNanos;
    private final Waiting waiting;

    Wait(Gate gate, long start, long maxWaitNanos, Waiting waiting) {
      this.gate = gate;
      this.start = start;
      this.maxWaitNanos = maxWaitNanos;
      this.waiting = waiting;
    }

    void forSlot() {
      try {
        while (!gate.slots.tryAcquire()) {
          long slice = nextSlice(checkEveryNanos);
          if (gate.slots.tryAcquire(slice, TimeUnit.NANOSECONDS)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        throw interrupted();
      }
    }

    void forToken() {
      try {
        long wait;
        while ((wait = gate.bucket.tryTake()) > 0) {
          TimeUnit.NANOSECONDS.sleep(nextSlice(Math.min(wait, checkEveryNanos)));
        }
      } catch (InterruptedException e) {
        throw interrupted();
      }
    }

    /** Tells the waiter, ends the wait past the deadline, and returns how long to block next. */
    private long nextSlice(long wanted) {
      waiting.stillWaiting();
      long waited = nanoTime.getAsLong() - start;
      if (waited >= maxWaitNanos) {
        throw ApplicationFailure.newBuilder()
            .setType(WORKER_BUSY)
            .setMessage(gate.label + ": waited " + Duration.ofNanos(waited).toSeconds() + " s for a turn under this"
                + " worker's limit for the model (" + gate.limit + ", from " + ModelLimits.VARIABLE
                + "); trying again, perhaps on another worker")
            .setNextRetryDelay(BUSY_RETRY_DELAY)
            .build();
      }
      return Math.max(1, Math.min(wanted, maxWaitNanos - waited));
    }

    private ApplicationFailure interrupted() {
      // The worker is shutting down; keep the flag so the SDK sees it too.
      Thread.currentThread().interrupt();
      return ApplicationFailure.newBuilder()
          .setType(WORKER_BUSY)
          .setMessage(gate.label + ": the worker stopped while the call waited for its model limit; trying again")
          .setNextRetryDelay(BUSY_RETRY_DELAY)
          .build();
    }
  }

  /** Gives its slot back once, however often it is closed. */
  private static final class SlotPermit implements Permit {
    private final Semaphore slots;
    private boolean released;

    SlotPermit(Semaphore slots) {
      this.slots = slots;
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        slots.release();
      }
    }
  }
}
