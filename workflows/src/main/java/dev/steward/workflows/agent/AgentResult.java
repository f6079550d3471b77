package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * How an agent ended.
 *
 * @param reason why it stopped, as given to {@code stop}
 * @param usage totals over its life
 * @param lastOutcome its last turn's outcome, or null if it never ran a turn
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentResult(String reason, Usage usage, TurnOutcome lastOutcome) {}
