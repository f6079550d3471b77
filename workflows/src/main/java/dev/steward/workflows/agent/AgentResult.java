package dev.steward.workflows.agent;

/**
 * How an agent ended.
 *
 * @param reason why it stopped, as given to {@code stop}
 * @param usage totals over its life
 * @param lastOutcome its last turn's outcome, or null if it never ran a turn
 */
public record AgentResult(String reason, Usage usage, TurnOutcome lastOutcome) {}
