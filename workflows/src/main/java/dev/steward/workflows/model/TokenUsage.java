package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/** Tokens one model call (or a sum of calls) used. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenUsage(long inputTokens, long outputTokens) {

  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  public TokenUsage plus(TokenUsage other) {
    return other == null ? this : new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
