package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Tokens one model call (or a sum of calls) used.
 *
 * @param inputTokens every prompt token, cached ones included
 * @param outputTokens tokens the model wrote
 * @param cachedInputTokens the part of {@code inputTokens} the provider served from its prompt cache;
 *     absent in histories and states written before it existed, so it reads as 0 there; left out
 *     when 0 (most providers and calls have none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenUsage(long inputTokens, long outputTokens,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long cachedInputTokens) {

  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0);

  /** Usage from a provider (or a fake) that reports no prompt cache. */
  public TokenUsage(long inputTokens, long outputTokens) {
    this(inputTokens, outputTokens, 0);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return other == null ? this : new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens);
  }
}
