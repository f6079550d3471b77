package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.steward.workflows.model.TokenUsage;

/**
 * What a model charges, in US dollars per million tokens.
 *
 * @param inputPerMillion dollars per million input (prompt) tokens
 * @param outputPerMillion dollars per million output (completion) tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Price(
    @JsonProperty("input_per_million") double inputPerMillion,
    @JsonProperty("output_per_million") double outputPerMillion) {

  public static final Price FREE = new Price(0, 0);

  /** The cost of this usage in US dollars. */
  public double cost(TokenUsage usage) {
    return (usage.inputTokens() * inputPerMillion + usage.outputTokens() * outputPerMillion) / 1_000_000.0;
  }
}
