package dev.steward.workflows.model;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Calls a model. Implementations turn provider errors into Temporal failures: retryable ones
 * (429, 408, 409, 5xx, timeouts) are thrown as retryable with the provider's Retry-After as the
 * next retry delay; the rest are non-retryable with type {@link #NON_RETRYABLE_ERROR} and a
 * message a person can act on.
 */
@ActivityInterface
public interface ModelActivities {

  /** Failure type of a model error that retrying will not fix (bad request, bad key, unknown model). */
  String NON_RETRYABLE_ERROR = "ModelRequestRejected";

  /**
   * How a call to a model (a step, or a summary) is retried: backoff from 1 s doubling to at most
   * 1 min, never for what retrying cannot fix. The activity raises a provider's shorter Retry-After
   * to this backoff ({@code RetryDelays}).
   */
  static RetryOptions retries(int maximumAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2)
        .setMaximumInterval(Duration.ofMinutes(1))
        .setMaximumAttempts(maximumAttempts)
        .setDoNotRetry(NON_RETRYABLE_ERROR)
        .build();
  }

  /** The activity type of {@link #complete}, for untyped stubs. */
  String TYPE = "Model";

  @ActivityMethod(name = TYPE)
  ModelResponse complete(ModelRequest request);
}
