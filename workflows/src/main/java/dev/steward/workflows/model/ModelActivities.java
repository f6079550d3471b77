package dev.steward.workflows.model;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

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

  /** The activity type of {@link #complete}, for untyped stubs. */
  String TYPE = "Model";

  @ActivityMethod(name = TYPE)
  ModelResponse complete(ModelRequest request);
}
