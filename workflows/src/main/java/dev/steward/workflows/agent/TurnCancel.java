package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A request to cancel one message's turn without stopping the agent (the {@code cancelTurn} update).
 *
 * @param messageId the id of the message whose turn to cancel (for an {@code ask} update: its message id)
 * @param cancelledBy who cancels, for the transcript note "cancelled by …"; null or blank for "a client"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TurnCancel(String messageId, String cancelledBy) {

  /** Who cancels, as the transcript names them. */
  public String who() {
    return cancelledBy == null || cancelledBy.isBlank() ? "a client" : cancelledBy;
  }

  /** What the {@code cancelTurn} update found and did. */
  public enum Result {
    /** The message's turn was running: it ends INTERRUPTED at the next step boundary. */
    RUNNING,
    /** The message was still waiting: it left the inbox, its {@code ask} got an INTERRUPTED outcome. */
    QUEUED,
    /** The message's turn is over (or the message is too old to be known): nothing changed. */
    OVER
  }
}
