package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Limits checked by the workflow. Zero means "no limit" for every field but {@code maxStepsPerTurn}.
 *
 * @param maxStepsPerTurn model calls in one turn; default 10
 * @param maxTurns turns over the agent's whole life; default 0 (none)
 * @param maxTotalTokens tokens (input + output) over the agent's whole life; default 0 (none)
 * @param maxTurnSeconds wall-clock seconds one turn may take, approvals included; default 0 (none)
 * @param maxCostUsd US dollars over the agent's whole life, priced by {@link PriceTable}; default 0 (none)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Limits(
    @JsonProperty("max_steps_per_turn") int maxStepsPerTurn,
    @JsonProperty("max_turns") int maxTurns,
    @JsonProperty("max_total_tokens") long maxTotalTokens,
    @JsonProperty("max_turn_seconds") long maxTurnSeconds,
    @JsonProperty("max_cost_usd") double maxCostUsd) {

  public static final int DEFAULT_MAX_STEPS_PER_TURN = 10;
  public static final Limits DEFAULTS = new Limits(DEFAULT_MAX_STEPS_PER_TURN, 0, 0, 0, 0);

  public Limits {
    maxStepsPerTurn = maxStepsPerTurn <= 0 ? DEFAULT_MAX_STEPS_PER_TURN : maxStepsPerTurn;
  }

  public Limits(int maxStepsPerTurn, int maxTurns, long maxTotalTokens, long maxTurnSeconds) {
    this(maxStepsPerTurn, maxTurns, maxTotalTokens, maxTurnSeconds, 0);
  }
}
