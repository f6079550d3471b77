package dev.steward.activities.model.ollama;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.langchain4j.StreamingProvider;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.spec.ModelSpec;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code ollama} provider: Ollama's native chat API ({@code POST /api/chat}, streamed as
 * newline-delimited JSON) through LangChain4j's {@link OllamaStreamingChatModel} (module 1.18.1,
 * running on the 1.19.0 core).
 *
 * <ul>
 *   <li>Endpoint: {@code model.base_url}, default {@value #DEFAULT_BASE_URL} (no {@code /v1}: that
 *       is the OpenAI-compatible endpoint, for the {@code openai} provider).
 *   <li>Key: none by default; when {@code model.credential} names one (an Ollama behind an
 *       authenticating proxy), it is sent as {@code Authorization: Bearer}.
 *   <li>Settings: {@code temperature}, {@code max_tokens} (sent as {@code options.num_predict}),
 *       {@code timeout_seconds} (default 120 s). {@code parameters} are refused: this module has
 *       no way to pass them through.
 * </ul>
 */
public final class OllamaModel extends StreamingProvider {

  public static final String NAME = "ollama";
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";

  public OllamaModel(
      Function<String, String> env, ToolCatalog catalog, AgentNetwork network, ModelErrorClassifier classifier) {
    super(new Facts(NAME, DEFAULT_BASE_URL, "llama3.2", false), env, catalog, network, classifier);
  }

  @Override
  protected StreamingChatModel build(ModelSpec spec, String endpoint, String apiKey, HttpClientBuilder httpClient) {
    if (!spec.parameters().isEmpty()) {
      throw new IllegalArgumentException("the ollama provider takes no model.parameters (got "
          + String.join(", ", spec.parameters().keySet()) + "); use temperature and max_tokens");
    }
    OllamaStreamingChatModel.OllamaStreamingChatModelBuilder builder = OllamaStreamingChatModel.builder();
    builder.httpClientBuilder(httpClient)
        .baseUrl(endpoint)
        .modelName(spec.id())
        .temperature(spec.temperature())
        .numPredict(spec.maxTokens())
        .timeout(Duration.ofSeconds(spec.timeoutSecondsOrDefault()));
    if (apiKey != null) {
      builder.customHeaders(Map.of("Authorization", "Bearer " + apiKey));
    }
    return builder.build();
  }
}
