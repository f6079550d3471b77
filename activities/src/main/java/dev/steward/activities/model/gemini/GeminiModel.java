package dev.steward.activities.model.gemini;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.langchain4j.StreamingProvider;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.spec.ModelSpec;
import java.time.Duration;
import java.util.function.Function;

/**
 * The {@code gemini} provider: the Gemini API ({@code POST
 * /models/{id}:streamGenerateContent?alt=sse}) through LangChain4j's
 * {@link GoogleAiGeminiStreamingChatModel}.
 *
 * <ul>
 *   <li>Endpoint: {@code model.base_url}, default {@value #DEFAULT_BASE_URL}.
 *   <li>Key: required; read on every call from the worker's environment variable named by
 *       {@code model.credential} (usually {@code GEMINI_API_KEY}) and sent as
 *       {@code x-goog-api-key}, never in the URL.
 *   <li>Settings: {@code temperature}, {@code max_tokens} (sent as {@code maxOutputTokens}),
 *       {@code timeout_seconds} (default 120 s). The agent's instructions become
 *       {@code systemInstruction}. {@code parameters} are not supported by this module and are
 *       refused rather than silently dropped.
 * </ul>
 */
public final class GeminiModel extends StreamingProvider {

  public static final String NAME = "gemini";
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

  public GeminiModel(
      Function<String, String> env, ToolCatalog catalog, AgentNetwork network, ModelErrorClassifier classifier) {
    super(new Facts(NAME, DEFAULT_BASE_URL, "gemini-2.5-flash", true), env, catalog, network, classifier);
  }

  @Override
  protected StreamingChatModel build(ModelSpec spec, String endpoint, String apiKey, HttpClientBuilder httpClient) {
    if (!spec.parameters().isEmpty()) {
      throw new IllegalArgumentException("the gemini provider takes no model.parameters (got "
          + String.join(", ", spec.parameters().keySet()) + "); use temperature and max_tokens");
    }
    return GoogleAiGeminiStreamingChatModel.builder()
        .httpClientBuilder(httpClient)
        .baseUrl(endpoint)
        .apiKey(apiKey)
        .modelName(spec.id())
        .temperature(spec.temperature())
        .maxOutputTokens(spec.maxTokens())
        .timeout(Duration.ofSeconds(spec.timeoutSecondsOrDefault()))
        .build();
  }
}
