package dev.steward.activities.model.errors;

import dev.steward.workflows.model.ModelActivities;
import io.temporal.failure.ApplicationFailure;

/** Failures of the model activity that retrying will not fix. */
public final class ModelFailures {

  private ModelFailures() {}

  /** A non-retryable failure of type {@link ModelActivities#NON_RETRYABLE_ERROR}; the message says what to fix. */
  public static ApplicationFailure rejected(String message) {
    return ApplicationFailure.newBuilder()
        .setType(ModelActivities.NON_RETRYABLE_ERROR)
        .setMessage(message)
        .setNonRetryable(true)
        .build();
  }
}
