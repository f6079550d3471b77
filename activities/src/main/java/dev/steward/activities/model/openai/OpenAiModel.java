package dev.steward.activities.model.openai;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.langchain4j.StreamingProvider;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.spec.ModelSpec;
import java.time.Duration;
import java.util.function.Function;

/**
 * The {@code openai} provider: any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure's
 * compatible endpoint, Ollama's {@code /v1}, vLLM, LM Studio...) through LangChain4j's
 * {@link OpenAiStreamingChatModel}, streamed ({@code "stream": true} with usage included).
 *
 * <ul>
 *   <li>Endpoint: {@code model.base_url}, default {@value #DEFAULT_BASE_URL}.
 *   <li>Key: read on every call from the worker's environment variable named by
 *       {@code model.credential}, sent as {@code Authorization: Bearer}; with no credential named,
 *       no key is sent (local servers).
 *   <li>Settings: {@code temperature}, {@code max_tokens} (sent as {@code max_completion_tokens},
 *       or as the deprecated {@code max_tokens} when {@code model.max_tokens_field} says so),
 *       {@code timeout_seconds} (default 120 s) and {@code parameters}, which are added to the
 *       request body as they are.
 * </ul>
 */
public final class OpenAiModel extends StreamingProvider {

  public static final String NAME = "openai";
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  public OpenAiModel(
      Function<String, String> env, ToolCatalog catalog, AgentNetwork network, ModelErrorClassifier classifier) {
    super(new Facts(NAME, DEFAULT_BASE_URL, "gpt-4.1", false), env, catalog, network, classifier);
  }

  @Override
  protected StreamingChatModel build(ModelSpec spec, String endpoint, String apiKey, HttpClientBuilder httpClient) {
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(httpClient)
            .baseUrl(endpoint)
            .apiKey(apiKey)
            .modelName(spec.id())
            .temperature(spec.temperature())
            .timeout(Duration.ofSeconds(spec.timeoutSecondsOrDefault()));
    // Current OpenAI models refuse max_tokens; some compatible servers know nothing else.
    String field = spec.maxTokensField() == null ? ModelSpec.MAX_COMPLETION_TOKENS : spec.maxTokensField();
    switch (field) {
      case ModelSpec.MAX_COMPLETION_TOKENS -> builder.maxCompletionTokens(spec.maxTokens());
      case ModelSpec.MAX_TOKENS -> builder.maxTokens(spec.maxTokens());
      default -> throw new IllegalArgumentException("model.max_tokens_field is '" + field + "'; expected "
          + ModelSpec.MAX_COMPLETION_TOKENS + " (the default) or " + ModelSpec.MAX_TOKENS);
    }
    if (!spec.parameters().isEmpty()) {
      builder.customParameters(spec.parameters());
    }
    return builder.build();
  }
}
