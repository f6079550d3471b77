package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.steward.workflows.model.TokenUsage;

/**
 * How a turn ended.
 *
 * @param turn the turn number, from 1
 * @param status how it ended
 * @param reply the agent's reply (empty when the turn did not complete)
 * @param error what went wrong, in words a person can act on; null (left out) when it completed
 * @param usage tokens the turn used
 * @param costUsd what the turn cost, in US dollars; left out when 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TurnOutcome(int turn, Status status, String reply,
    @JsonInclude(JsonInclude.Include.NON_NULL) String error,
    TokenUsage usage,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) double costUsd) {

  public enum Status {
    /** The model gave a final reply. */
    COMPLETED,
    /** A limit stopped the turn; {@code error} names it. */
    LIMIT_REACHED,
    /** The model failed in a way retrying cannot fix; {@code error} says why. */
    FAILED,
    /** A newer message interrupted the turn (inbox policy {@code interrupt}). */
    INTERRUPTED,
    /** The agent was stopped before or during the turn. */
    STOPPED
  }

  public boolean completed() {
    return status == Status.COMPLETED;
  }
}
