package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.model.TokenUsage;

/**
 * What an agent has used.
 *
 * @param turns turns run
 * @param modelCalls model calls made
 * @param toolCalls tool calls run (approved or not needing approval)
 * @param tokens tokens used
 * @param costUsd what the tokens cost, in US dollars
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(int turns, long modelCalls, long toolCalls, TokenUsage tokens, double costUsd) {

  public static final Usage ZERO = new Usage(0, 0, 0, TokenUsage.ZERO, 0);

  public Usage {
    tokens = tokens == null ? TokenUsage.ZERO : tokens;
  }

  public Usage plusTurn() {
    return new Usage(turns + 1, modelCalls, toolCalls, tokens, costUsd);
  }

  public Usage plusModelCall(TokenUsage used, double cost) {
    return new Usage(turns, modelCalls + 1, toolCalls, tokens.plus(used), costUsd + cost);
  }

  /** This usage and another's (a sub-agent's) together; turns stay this agent's own. */
  public Usage plus(Usage other) {
    return new Usage(turns, modelCalls + other.modelCalls, toolCalls + other.toolCalls, tokens.plus(other.tokens),
        costUsd + other.costUsd);
  }

  public Usage plusToolCall() {
    return new Usage(turns, modelCalls, toolCalls + 1, tokens, costUsd);
  }
}
