package dev.steward.workflows.agent;

import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/** One model call as an activity, with retries for what retrying can fix. */
final class ModelCall {

  /**
   * Attempts per model call. Bounded so a call that can never succeed (e.g. an over-size request
   * the provider keeps rejecting with 5xx) ends the turn with an error instead of retrying forever.
   */
  static final int MAX_ATTEMPTS = 8;

  private ModelCall() {}

  static ModelResponse call(String agentId, int turn, int step, AgentSpec spec, List<ChatMessage> messages) {
    ActivityOptions options = ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(spec.model().timeoutSecondsOrDefault()))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(MAX_ATTEMPTS)
            .setDoNotRetry(ModelActivities.NON_RETRYABLE_ERROR)
            .build())
        .setSummary("model " + spec.model().label() + " · turn " + turn + (step > 1 ? " · step " + step : ""))
        .build();
    ModelActivities model = Workflow.newActivityStub(ModelActivities.class, options);
    ModelRequest request = new ModelRequest(agentId, turn, step, spec.model(), spec.instructions(), messages, spec.tools());
    try {
      return model.complete(request);
    } catch (ActivityFailure e) {
      throw new ModelFailure(spec.model().label() + ": " + describe(e));
    }
  }

  /** The innermost message a person can act on. */
  private static String describe(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure) {
      return "the model did not answer in time (" + MAX_ATTEMPTS + " attempts)";
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }

  /** The model call failed for good; the turn ends with this message. */
  static final class ModelFailure extends RuntimeException {
    ModelFailure(String message) {
      super(message);
    }
  }
}
