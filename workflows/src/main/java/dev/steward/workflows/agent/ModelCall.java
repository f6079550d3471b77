package dev.steward.workflows.agent;

import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One model step as an activity, with retries for what retrying can fix and the agent's fallback
 * models, in order, for what it cannot.
 */
final class ModelCall {

  /**
   * Attempts per model call. Bounded so a call that can never succeed (e.g. an over-size request
   * the provider keeps rejecting with 5xx) ends the step instead of retrying forever.
   */
  static final int MAX_ATTEMPTS = 8;

  /** Failure type of a provider's "context length exceeded": compacting the context can fix it. */
  static final String CONTEXT_TOO_LONG = "ModelContextTooLong";

  /** How long a model call may go without a heartbeat before Temporal retries it elsewhere. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /** The answer and the model that gave it (the primary or a fallback), for pricing. */
  record Answer(ModelResponse response, ModelSpec model) {}

  private ModelCall() {}

  /**
   * Calls the agent's model, then each fallback in turn while they fail for good.
   *
   * @param onSwitch told (failed model, its error) before each switch to the next model
   * @throws ModelFailure when every model failed; its message names each failure
   */
  static Answer call(String agentId, int turn, int step, AgentSpec spec, long contextSeq,
      BiConsumer<ModelSpec, String> onSwitch) {
    List<ModelSpec> models = new ArrayList<>();
    models.add(spec.model());
    models.addAll(spec.fallbacks());
    List<String> errors = new ArrayList<>();
    boolean contextTooLong = false;
    for (int i = 0; i < models.size(); i++) {
      ModelSpec model = models.get(i);
      try {
        return new Answer(once(agentId, turn, step, model, spec, contextSeq), model);
      } catch (ActivityFailure e) {
        contextTooLong |= e.getCause() instanceof ApplicationFailure app && CONTEXT_TOO_LONG.equals(app.getType());
        String why = describe(e);
        // Providers usually name the model already; say it once.
        String error = why.startsWith(model.label()) ? why : model.label() + ": " + why;
        errors.add(error);
        if (i + 1 < models.size()) {
          onSwitch.accept(model, error);
        }
      }
    }
    throw new ModelFailure(String.join("; then ", errors), contextTooLong);
  }

  private static ModelResponse once(String agentId, int turn, int step, ModelSpec model, AgentSpec spec,
      long contextSeq) {
    ActivityOptions options = ActivityOptions.newBuilder()
        // Twice the model's timeout: a call may first wait up to half of this for a slot under the
        // worker's per-model rate limits, and the provider still gets its whole timeout.
        .setStartToCloseTimeout(Duration.ofSeconds(2L * model.timeoutSecondsOrDefault()))
        // The activity heartbeats its partial reply (and every 2 s while the provider is silent), so a
        // dead worker is noticed in seconds, not at the end of the call's timeout.
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(MAX_ATTEMPTS)
            .setDoNotRetry(ModelActivities.NON_RETRYABLE_ERROR)
            .build())
        .setSummary("model " + model.label() + " · turn " + turn + (step > 1 ? " · step " + step : ""))
        .build();
    ModelActivities activity = Workflow.newActivityStub(ModelActivities.class, options);
    // The context travels by reference: the activity reads it from the agent, so this turn's history
    // holds a few hundred bytes however long the conversation has grown.
    return activity.complete(new ModelRequest(agentId, turn, step, model, "", List.of(), spec.effectiveTools(), contextSeq));
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

  /** Every model failed the step for good; the turn ends with this message. */
  static final class ModelFailure extends RuntimeException {
    final boolean contextTooLong;

    ModelFailure(String message, boolean contextTooLong) {
      super(message);
      this.contextTooLong = contextTooLong;
    }
  }
}
