package dev.steward.activities.model.anthropic;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.langchain4j.StreamingProvider;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.spec.ModelSpec;
import java.time.Duration;
import java.util.function.Function;

/**
 * The {@code anthropic} provider: Anthropic's Messages API ({@code POST /v1/messages}, streamed)
 * through LangChain4j's {@link AnthropicStreamingChatModel}.
 *
 * <ul>
 *   <li>Endpoint: {@code model.base_url}, default {@value #DEFAULT_BASE_URL}.
 *   <li>Key: required; read on every call from the worker's environment variable named by
 *       {@code model.credential} (usually {@code ANTHROPIC_API_KEY}) and sent as {@code x-api-key}
 *       with {@code anthropic-version: 2023-06-01}.
 *   <li>Settings: {@code temperature}; {@code max_tokens}, which the API requires, defaults to
 *       {@value #DEFAULT_MAX_TOKENS}; {@code timeout_seconds} (default 120 s); {@code parameters}
 *       are added to the request body as they are. The agent's instructions become the
 *       {@code system} field.
 * </ul>
 */
public final class AnthropicModel extends StreamingProvider {

  public static final String NAME = "anthropic";
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
  /** Output tokens asked for when the spec sets no {@code max_tokens}: 4096. */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  public AnthropicModel(
      Function<String, String> env, ToolCatalog catalog, AgentNetwork network, ModelErrorClassifier classifier) {
    super(new Facts(NAME, DEFAULT_BASE_URL, "claude-sonnet-4-5", true), env, catalog, network, classifier);
  }

  @Override
  protected StreamingChatModel build(ModelSpec spec, String endpoint, String apiKey, HttpClientBuilder httpClient) {
    AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder =
        AnthropicStreamingChatModel.builder()
            .httpClientBuilder(httpClient)
            .baseUrl(endpoint)
            .apiKey(apiKey)
            .modelName(spec.id())
            .temperature(spec.temperature())
            .maxTokens(spec.maxTokens() == null ? DEFAULT_MAX_TOKENS : spec.maxTokens())
            .timeout(Duration.ofSeconds(spec.timeoutSecondsOrDefault()));
    if (!spec.parameters().isEmpty()) {
      builder.customParameters(spec.parameters());
    }
    return builder.build();
  }
}
