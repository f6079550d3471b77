package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * A tool call waiting for a person, or the record of how it was decided.
 *
 * @param callId the call's id
 * @param tool the tool's name
 * @param arguments the arguments the model gave, as JSON text
 * @param turn the turn it belongs to
 * @param deadlineMillis when the wait ends with a "no", epoch milliseconds
 * @param decision null while pending; the decision once made (a timeout is a denial by {@code timeout})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingApproval(
    String callId, String tool, String arguments, int turn, long deadlineMillis, Decision decision) {

  public PendingApproval decided(Decision d) {
    return new PendingApproval(callId, tool, arguments, turn, deadlineMillis, d);
  }
}
