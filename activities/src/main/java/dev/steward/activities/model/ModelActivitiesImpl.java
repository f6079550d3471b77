package dev.steward.activities.model;

import dev.steward.activities.Sweeper;
import dev.steward.activities.context.AgentContexts;
import dev.steward.activities.context.CallingAgent;
import dev.steward.activities.context.ModelContextHandoff;
import dev.steward.activities.context.ModelToolsCache;
import dev.steward.activities.model.anthropic.AnthropicModel;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.errors.ModelFailures;
import dev.steward.activities.model.errors.RetryDelays;
import dev.steward.activities.model.gemini.GeminiModel;
import dev.steward.activities.model.limits.ModelLimits;
import dev.steward.activities.model.limits.ModelRateLimits;
import dev.steward.activities.model.ollama.OllamaModel;
import dev.steward.activities.model.openai.OpenAiModel;
import dev.steward.activities.model.scripted.ScriptedModel;
import dev.steward.activities.model.stream.HeartbeatPartialReply;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.secrets.Redactor;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model activity: picks the provider named by {@code model.provider} ({@code scripted},
 * {@code openai}, {@code anthropic}, {@code gemini} or {@code ollama}) and lets it answer. An
 * unknown provider fails at once, not retried. Provider errors arrive as classified Temporal
 * failures (see {@link ModelErrorClassifier}).
 *
 * <p>Inside an activity, the reply's text so far is reported as the activity's heartbeat details
 * while it streams (see {@link HeartbeatPartialReply}); the workflow should give the activity a
 * heartbeat timeout (10 s suggested) so a dead worker is noticed early.
 *
 * <p>Before the provider is called, the call waits for its turn under the worker's per-model limits
 * ({@link ModelRateLimits}); while it waits it heartbeats, and it stops waiting when the activity is
 * cancelled. A worker passes its limits in; the other constructors set none.
 *
 * <p>Every failure leaves through the worker's {@link Redactor}: a provider that echoes the key
 * (or a library that quotes a header) cannot put it in the history.
 */
public class ModelActivitiesImpl implements ModelActivities {

  private final Map<String, ModelProvider> providers;
  private final ModelRateLimits limits;
  /** Contexts the worker's own agents left for their model calls; {@link ModelContextHandoff#off()} queries always. */
  private final ModelContextHandoff handoff;
  /** Models and tools that came by hash, resolved once per process. */
  private final ModelToolsCache modelTools = ModelToolsCache.shared();

  /** Reads credentials from the process environment and describes the built-in tools. */
  public ModelActivitiesImpl() {
    this(System::getenv);
  }

  /** Reads credentials through {@code env} (an environment variable name to its value, or null). */
  public ModelActivitiesImpl(Function<String, String> env) {
    this(env, ToolCatalog.builtins());
  }

  /**
   * @param env reads a credential by environment variable name; returns null when unset
   * @param catalog the tools this worker can describe to models
   */
  public ModelActivitiesImpl(Function<String, String> env, ToolCatalog catalog) {
    this(env, catalog, ModelLimits.NONE);
  }

  /**
   * @param env reads a credential by environment variable name; returns null when unset
   * @param catalog the tools this worker can describe to models
   * @param limits per-model concurrency and rate limits in this process ({@link ModelLimits#DEFAULTS}
   *     in a worker without {@code STEWARD_MODEL_LIMITS})
   */
  public ModelActivitiesImpl(Function<String, String> env, ToolCatalog catalog, ModelLimits limits) {
    this(env, catalog, limits, AgentNetwork.fromEnvironment(env));
  }

  /**
   * @param network the policy every model endpoint passes ({@code base_url} of the model, its
   *     fallbacks and the summariser); by default public addresses only, unless {@code env} has
   *     {@value dev.steward.network.NetworkPolicy#ALLOW_PRIVATE_VARIABLE}{@code =true}
   */
  public ModelActivitiesImpl(Function<String, String> env, ToolCatalog catalog, ModelLimits limits,
      AgentNetwork network) {
    this(env, catalog, limits, network, ModelContextHandoff.off());
  }

  /**
   * @param handoff where the worker's interceptor leaves the context of each model call it schedules,
   *     so that a call this worker picks up needs no {@code modelContext} query; the worker gives its
   *     interceptor and these activities the same one
   */
  public ModelActivitiesImpl(Function<String, String> env, ToolCatalog catalog, ModelLimits limits,
      AgentNetwork network, ModelContextHandoff handoff) {
    // Each call connects over a client pinned to its endpoint's vetted addresses (cleartext is HTTP/1.1: no h2c).
    ModelErrorClassifier classifier = new ModelErrorClassifier();
    this.providers = byName(List.of(
        new ScriptedModel(),
        new OpenAiModel(env, catalog, network, classifier),
        new AnthropicModel(env, catalog, network, classifier),
        new GeminiModel(env, catalog, network, classifier),
        new OllamaModel(env, catalog, network, classifier)));
    this.limits = new ModelRateLimits(limits);
    this.handoff = handoff == null ? ModelContextHandoff.off() : handoff;
  }

  /** These providers, by {@link ModelProvider#name()}, without limits; for tests and extensions. */
  public ModelActivitiesImpl(List<ModelProvider> providers) {
    this(providers, new ModelRateLimits(ModelLimits.NONE));
  }

  /** These providers, held to these limits; for tests and extensions. */
  public ModelActivitiesImpl(List<ModelProvider> providers, ModelRateLimits limits) {
    this.providers = byName(providers);
    this.limits = limits;
    this.handoff = ModelContextHandoff.off();
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    try {
      return call(request);
    } catch (RuntimeException e) {
      ActivityExecutionContext context = currentActivity();
      int attempt = context == null ? 1 : context.getInfo().getAttempt();
      throw Redactor.worker().scrub(RetryDelays.atLeastBackoff(e, attempt));
    }
  }

  private ModelResponse call(ModelRequest request) {
    // A context sent by reference is read first (left by this worker, else from the agent), so history
    // stays small; the agent is the activity's workflow when the request does not name it.
    request = AgentContexts.resolve(modelTools.resolve(CallingAgent.named(request)), handoff);
    String name = request.model() == null || request.model().provider() == null
        ? ""
        : request.model().provider().trim().toLowerCase(Locale.ROOT);
    ModelProvider provider = providers.get(name);
    if (provider == null) {
      throw ModelFailures.rejected(
          (name.isEmpty() ? "the agent spec names no model provider" : "unknown model provider '" + name + "'")
              + "; use one of: " + String.join(", ", providers.keySet()));
    }
    ActivityExecutionContext context = currentActivity();
    try (ModelRateLimits.Permit turn = limits.acquire(request.model().label(), maxWait(context), waiting(context))) {
      if (context == null) {
        return provider.complete(request);
      }
      try (HeartbeatPartialReply partial = new HeartbeatPartialReply(context, Sweeper.shared())) {
        return provider.complete(request, partial);
      }
    }
  }

  /**
   * Half the attempt's start-to-close timeout, so a call that got its turn late still has time to
   * answer; no bound outside an activity or without that timeout.
   */
  private static Duration maxWait(ActivityExecutionContext context) {
    Duration attempt = context == null ? null : context.getInfo().getStartToCloseTimeout();
    // Halved in nanoseconds: Duration.dividedBy goes through BigDecimal, on every call.
    return attempt == null || attempt.isZero() ? null : Duration.ofNanos(attempt.toNanos() / 2);
  }

  /**
   * While waiting for the limits: heartbeat an empty reply (what the attempt has received so far),
   * which also throws once Temporal reports the activity cancelled or timed out.
   */
  private static ModelRateLimits.Waiting waiting(ActivityExecutionContext context) {
    return context == null ? ModelRateLimits.Waiting.NONE : () -> context.heartbeat("");
  }

  /** The running activity's context, or null when called directly (tests, tools). */
  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<String, ModelProvider> byName(List<ModelProvider> providers) {
    Map<String, ModelProvider> map = new LinkedHashMap<>();
    providers.forEach(p -> map.put(p.name(), p));
    return java.util.Collections.unmodifiableMap(map);
  }
}
