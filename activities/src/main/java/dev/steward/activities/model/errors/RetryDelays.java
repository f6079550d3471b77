package dev.steward.activities.model.errors;

import dev.steward.workflows.model.ModelActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * Keeps a provider's Retry-After from shortening a model call's retries. Temporal takes a failure's
 * next retry delay instead of its own backoff, so a provider answering {@code Retry-After: 1} on
 * every attempt would spend all attempts in seconds and fail the turn during an outage of a minute.
 * The delay used is the longer of what the provider asked and the backoff the model call's retry
 * policy would have used ({@link ModelActivities#retries}: 1 s doubling to 1 min).
 */
public final class RetryDelays {

  private static final Duration FIRST_BACKOFF = ModelActivities.retries(1).getInitialInterval();
  private static final Duration MAX_BACKOFF = ModelActivities.retries(1).getMaximumInterval();

  private RetryDelays() {}

  /** Raises the failure's next retry delay, if it has one, to at least the backoff after this attempt. */
  public static RuntimeException atLeastBackoff(RuntimeException e, int attempt) {
    if (e instanceof ApplicationFailure app && !app.isNonRetryable() && app.getNextRetryDelay() != null) {
      app.setNextRetryDelay(atLeastBackoff(app.getNextRetryDelay(), attempt));
    }
    return e;
  }

  /** The longer of the asked delay and the backoff after the given 1-based attempt. */
  static Duration atLeastBackoff(Duration asked, int attempt) {
    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 16));
    if (backoff.compareTo(MAX_BACKOFF) > 0) {
      backoff = MAX_BACKOFF;
    }
    return asked.compareTo(backoff) >= 0 ? asked : backoff;
  }
}
