package dev.steward.workflows.agent;

import dev.steward.workflows.model.TokenUsage;

/**
 * What an agent has used.
 *
 * @param turns turns run
 * @param modelCalls model calls made
 * @param toolCalls tool calls run (approved or not needing approval)
 * @param tokens tokens used
 */
public record Usage(int turns, long modelCalls, long toolCalls, TokenUsage tokens) {

  public static final Usage ZERO = new Usage(0, 0, 0, TokenUsage.ZERO);

  public Usage {
    tokens = tokens == null ? TokenUsage.ZERO : tokens;
  }

  public Usage plusTurn() {
    return new Usage(turns + 1, modelCalls, toolCalls, tokens);
  }

  public Usage plusModelCall(TokenUsage used) {
    return new Usage(turns, modelCalls + 1, toolCalls, tokens.plus(used));
  }

  public Usage plusToolCall() {
    return new Usage(turns, modelCalls, toolCalls + 1, tokens);
  }
}
