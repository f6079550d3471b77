package dev.steward.activities.model;

import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.errors.ModelFailures;
import dev.steward.activities.model.openai.OpenAiModel;
import dev.steward.activities.model.scripted.ScriptedModel;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The model activity: picks the provider named by {@code model.provider} ({@code scripted} or
 * {@code openai}) and lets it answer. An unknown provider fails at once, not retried. Provider
 * errors arrive as classified Temporal failures (see {@link ModelErrorClassifier}).
 */
public class ModelActivitiesImpl implements ModelActivities {

  /** How long connecting to a model endpoint may take; the spec's timeout covers the whole call. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, ModelProvider> providers;

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
    // HTTP/1.1 because some local OpenAI-compatible servers mishandle the JDK's h2c upgrade.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    this.providers = byName(List.of(
        new ScriptedModel(),
        new OpenAiModel(env, catalog, http, new ModelErrorClassifier())));
  }

  /** These providers, by {@link ModelProvider#name()}; for tests and extensions. */
  public ModelActivitiesImpl(List<ModelProvider> providers) {
    this.providers = byName(providers);
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    String name = request.model() == null || request.model().provider() == null
        ? ""
        : request.model().provider().trim().toLowerCase(Locale.ROOT);
    ModelProvider provider = providers.get(name);
    if (provider == null) {
      throw ModelFailures.rejected(
          (name.isEmpty() ? "the agent spec names no model provider" : "unknown model provider '" + name + "'")
              + "; use one of: " + String.join(", ", providers.keySet()));
    }
    return provider.complete(request);
  }

  private static Map<String, ModelProvider> byName(List<ModelProvider> providers) {
    Map<String, ModelProvider> map = new LinkedHashMap<>();
    providers.forEach(p -> map.put(p.name(), p));
    return java.util.Collections.unmodifiableMap(map);
  }
}
