package dev.steward.activities.model.limits;

import java.util.function.LongSupplier;

/**
 * A requests-per-second limit: holds up to one second's worth of calls (at least one), refilled
 * continuously. It never blocks; the caller decides how to wait, so a cancelled wait takes nothing.
 */
final class TokenBucket {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long refilledAt;

  /**
   * @param perSecond calls per second, above 0
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests)
   */
  TokenBucket(double perSecond, LongSupplier nanoTime) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be above 0: " + perSecond);
    }
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** Takes one call's token: returns 0 when taken, else the nanoseconds until one will be there. */
  synchronized long tryTake() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / NANOS_PER_SECOND);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond));
  }
}
