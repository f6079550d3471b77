package dev.steward.activities.model.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.steward.workflows.model.TokenUsage;

/**
 * Steward's token usage from what a provider reported, prompt-cache hits included.
 *
 * <p>Steward's {@code inputTokens} is every prompt token, and {@code cachedInputTokens} the part of it
 * read from the provider's cache. OpenAI ({@code usage.prompt_tokens_details.cached_tokens}) and Gemini
 * ({@code usageMetadata.cachedContentTokenCount}) already count cached tokens inside their prompt count.
 * Anthropic does not: its {@code input_tokens} leaves out both {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens}, so both are added to the input here (the model read all of them,
 * and Anthropic bills cache writes as input); only cache reads count as cached. Ollama reports no cache.
 */
final class ProviderTokenUsage {

  private ProviderTokenUsage() {}

  static TokenUsage of(dev.langchain4j.model.output.TokenUsage usage) {
    if (usage == null) {
      return TokenUsage.ZERO;
    }
    long input = orZero(usage.inputTokenCount());
    long output = orZero(usage.outputTokenCount());
    if (usage instanceof OpenAiTokenUsage openAi) {
      long cached = openAi.inputTokensDetails() == null ? 0 : orZero(openAi.inputTokensDetails().cachedTokens());
      return new TokenUsage(input, output, cached);
    }
    if (usage instanceof GoogleAiGeminiTokenUsage gemini) {
      return new TokenUsage(input, output, orZero(gemini.cachedContentTokenCount()));
    }
    if (usage instanceof AnthropicTokenUsage anthropic) {
      long read = orZero(anthropic.cacheReadInputTokens());
      long written = orZero(anthropic.cacheCreationInputTokens());
      return new TokenUsage(input + read + written, output, read);
    }
    return new TokenUsage(input, output);
  }

  private static long orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
