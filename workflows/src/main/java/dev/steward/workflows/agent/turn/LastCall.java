package dev.steward.workflows.agent.turn;

/**
 * What the agent's most recent model call used: the estimate of what the next one will use, so a
 * budget stops the agent before the call that would exceed it rather than after.
 *
 * @param tokens input plus output tokens
 * @param costUsd US dollars
 */
public record LastCall(long tokens, double costUsd) {
  public static final LastCall NONE = new LastCall(0, 0);
}
