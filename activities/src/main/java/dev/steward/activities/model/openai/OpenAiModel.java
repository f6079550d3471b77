package dev.steward.activities.model.openai;

import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.steward.activities.model.ModelProvider;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.errors.ModelFailures;
import dev.steward.activities.model.http.ProviderHttpClientBuilder;
import dev.steward.activities.model.langchain4j.LangChain4jChat;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Function;

/**
 * The {@code openai} provider: any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure's
 * compatible endpoint, Ollama, vLLM, LM Studio...) through LangChain4j's {@link OpenAiChatModel}.
 *
 * <ul>
 *   <li>Endpoint: {@code model.base_url}, default {@value #DEFAULT_BASE_URL}.
 *   <li>Key: read on every call from the worker's environment variable named by
 *       {@code model.credential}; with no credential named, no key is sent (local servers).
 *   <li>Settings: {@code temperature}, {@code max_tokens} (sent as {@code max_tokens}),
 *       {@code timeout_seconds} (default 120 s) and {@code parameters}, which are added to the
 *       request body as they are.
 *   <li>LangChain4j's own retries are off: Temporal retries, as {@link ModelErrorClassifier} decides.
 * </ul>
 */
public final class OpenAiModel implements ModelProvider {

  public static final String NAME = "openai";
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  private final Function<String, String> env;
  private final java.net.http.HttpClient http;
  private final ModelErrorClassifier classifier;
  private final LangChain4jChat chat;

  /**
   * @param env reads an environment variable by name (System::getenv on a worker)
   * @param catalog describes the agent's tools to the model
   * @param http the JDK client every call shares
   * @param classifier turns provider errors into Temporal failures
   */
  public OpenAiModel(
      Function<String, String> env, ToolCatalog catalog, java.net.http.HttpClient http, ModelErrorClassifier classifier) {
    this.env = env;
    this.http = http;
    this.classifier = classifier;
    this.chat = new LangChain4jChat(catalog);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    ModelSpec spec = request.model();
    if (spec.id() == null || spec.id().isBlank()) {
      throw ModelFailures.rejected(spec.label() + ": the model spec has no id; set model.id, e.g. gpt-4.1");
    }
    String endpoint = spec.baseUrl() == null || spec.baseUrl().isBlank() ? DEFAULT_BASE_URL : spec.baseUrl().trim();
    String apiKey = apiKey(spec);
    OpenAiChatModel model = build(spec, endpoint, apiKey);
    try {
      return chat.complete(model, request);
    } catch (ApplicationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw classifier.classify(spec, endpoint, apiKey, e);
    }
  }

  private OpenAiChatModel build(ModelSpec spec, String endpoint, String apiKey) {
    try {
      OpenAiChatModel.OpenAiChatModelBuilder builder =
          OpenAiChatModel.builder()
              .httpClientBuilder(new ProviderHttpClientBuilder(http))
              .baseUrl(endpoint)
              .apiKey(apiKey)
              .modelName(spec.id())
              .temperature(spec.temperature())
              .maxTokens(spec.maxTokens())
              .timeout(Duration.ofSeconds(spec.timeoutSecondsOrDefault()))
              .maxRetries(0);
      if (!spec.parameters().isEmpty()) {
        builder.customParameters(spec.parameters());
      }
      return builder.build();
    } catch (RuntimeException e) {
      throw ModelFailures.rejected(spec.label() + ": the model settings are not usable: " + e.getMessage());
    }
  }

  /** The key, or null when the spec names no credential; never logged, never returned. */
  private String apiKey(ModelSpec spec) {
    String name = spec.credential();
    if (name == null || name.isBlank()) {
      return null;
    }
    String key = env.apply(name.trim());
    if (key == null || key.isBlank()) {
      throw ModelFailures.rejected(
          spec.label() + ": the environment variable " + name.trim() + " (the model's credential) is not set on"
              + " this worker; set it to the API key and restart the worker");
    }
    return key.trim();
  }
}
