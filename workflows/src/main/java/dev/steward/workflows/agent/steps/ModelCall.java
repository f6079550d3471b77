package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.FallbackPolicy;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One model step as an activity, with retries for what retrying can fix and the agent's fallback
 * models, in order, for what it cannot. A model with a fallback after it is retried only within the
 * agent's {@link FallbackPolicy} ({@link FallbackRetries}), so a working fallback answers in
 * seconds; the last model of the chain gets Temporal's full retries.
 */
public final class ModelCall {

  /** Failure type of a provider's "context length exceeded": compacting the context can fix it. */
  public static final String CONTEXT_TOO_LONG = "ModelContextTooLong";

  /** How long a model call may go without a heartbeat before Temporal retries it elsewhere. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  /** The answer and the model that gave it (the primary or a fallback), for pricing. */
  public record Answer(ModelResponse response, ModelSpec model) {}

  private ModelCall() {}

  /**
   * Calls the agent's model, then each fallback in turn while they fail for good. The request does
   * not name the agent: the activity reads it from its own info (the workflow id), which saves the
   * id's bytes in every step's history.
   *
   * @param specHash the spec's content hash ({@code ModelTools}), asked only by agents that send it
   * @param onSwitch told, before each switch to the next model, what happened to the failed one
   * @throws ModelFailure when every model failed; its message names each failure
   */
  public static Answer call(int turn, int step, AgentSpec spec, Supplier<String> specHash,
      long contextSeq, Consumer<String> onSwitch) {
    List<ModelSpec> models = new ArrayList<>();
    models.add(spec.model());
    models.addAll(spec.fallbacks());
    List<String> errors = new ArrayList<>();
    boolean contextTooLong = false;
    // The models and tools travel by content hash; agents from before this change send them whole.
    String toolsRef = Versions.atLeast(ChangeIds.SPEC_BY_HASH, 1)
        ? specHash.get() : null;
    for (int i = 0; i < models.size(); i++) {
      int index = i;
      ModelSpec model = models.get(i);
      ModelSpec next = i + 1 < models.size() ? models.get(i + 1) : null;
      String switching = next == null ? "" : "; switching to fallback " + next.label();
      if (next != null && Versions.atLeast(ChangeIds.FALLBACK_RETRY_BUDGET, 1)) {
        FallbackRetries.Outcome outcome = FallbackRetries.call(spec.fallbackAfter(),
            () -> once(turn, step, model, spec, contextSeq, 1, toolsRef, index));
        if (outcome.response() != null) {
          return new Answer(outcome.response(), model);
        }
        contextTooLong |= isContextTooLong(outcome.failure());
        String error = labelled(model, describe(outcome.failure()));
        errors.add(error);
        onSwitch.accept(error + " — " + outcome.why() + switching);
        continue;
      }
      try {
        return new Answer(once(turn, step, model, spec, contextSeq, FallbackPolicy.LAST_MODEL_ATTEMPTS, toolsRef,
            index), model);
      } catch (ActivityFailure e) {
        contextTooLong |= isContextTooLong(e);
        String error = labelled(model, describe(e));
        errors.add(error);
        if (next != null) {
          onSwitch.accept(error + switching);
        }
      }
    }
    throw new ModelFailure(String.join("; then ", errors), contextTooLong);
  }

  private static ModelResponse once(int turn, int step, ModelSpec model, AgentSpec spec,
      long contextSeq, int attempts, String toolsRef, int modelIndex) {
    ActivityOptions options = ActivityOptions.newBuilder()
        // Twice the model's timeout: a call may first wait up to half of this for a slot under the
        // worker's per-model rate limits, and the provider still gets its whole timeout.
        .setStartToCloseTimeout(Duration.ofSeconds(2L * model.timeoutSecondsOrDefault()))
        // The activity heartbeats its partial reply (and every 2 s while the provider is silent), so a
        // dead worker is noticed in seconds, not at the end of the call's timeout.
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(ModelActivities.retries(attempts))
        .setSummary("model " + model.label() + " · turn " + turn + (step > 1 ? " · step " + step : ""))
        .build();
    // Untyped: a typed stub reads the interface by reflection and makes a proxy on every call. The
    // same activity type, options and input: the same command.
    ActivityStub activity = Workflow.newUntypedActivityStub(options);
    // The context travels by reference: the activity reads it from the agent, so this turn's history
    // holds a few hundred bytes however long the conversation has grown. So do the model and the
    // tools when there is a hash for them, resolved by the activity's worker.
    ModelRequest request = toolsRef != null
        ? ModelRequest.byReference(turn, step, contextSeq, toolsRef, modelIndex)
        : new ModelRequest(null, turn, step, model, "", List.of(), spec.effectiveTools(), contextSeq);
    return activity.execute(ModelActivities.TYPE, ModelResponse.class, request);
  }

  private static boolean isContextTooLong(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app && CONTEXT_TOO_LONG.equals(app.getType());
  }

  /** Providers usually name the model already; say it once. */
  private static String labelled(ModelSpec model, String why) {
    return why.startsWith(model.label()) ? why : model.label() + ": " + why;
  }

  /** The innermost message a person can act on. */
  private static String describe(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure) {
      return "the model did not answer in time";
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }

  /** Every model failed the step for good; the turn ends with this message. */
  public static final class ModelFailure extends RuntimeException {
    public final boolean contextTooLong;

    ModelFailure(String message, boolean contextTooLong) {
      super(message);
      this.contextTooLong = contextTooLong;
    }
  }
}
