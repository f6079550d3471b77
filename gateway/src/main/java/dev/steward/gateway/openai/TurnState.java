package dev.steward.gateway.openai;

import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.TurnOutcome;
import java.util.List;

/**
 * Where a response's turn is: still in the inbox, running, waiting for a person, or over.
 *
 * @param phase where it is
 * @param outcome how the turn ended, once {@link Phase#DONE}
 * @param failure why the update failed, for {@link Phase#FAILED}
 * @param approvals tool calls of the turn waiting for a decision
 * @param questions questions of the turn waiting for an answer
 */
record TurnState(Phase phase, TurnOutcome outcome, String failure, List<PendingApproval> approvals,
    List<PendingQuestion> questions) {

  enum Phase { QUEUED, RUNNING, WAITING, DONE, FAILED }

  static TurnState of(Phase phase) {
    return new TurnState(phase, null, null, List.of(), List.of());
  }

  static TurnState done(TurnOutcome outcome) {
    return new TurnState(Phase.DONE, outcome, null, List.of(), List.of());
  }

  static TurnState failed(String why) {
    return new TurnState(Phase.FAILED, null, why, List.of(), List.of());
  }

  static TurnState waiting(List<PendingApproval> approvals, List<PendingQuestion> questions) {
    return new TurnState(Phase.WAITING, null, null, approvals, questions);
  }

  /** Whether nothing more will change: the turn ended or waits for the client. */
  boolean settled() {
    return phase == Phase.DONE || phase == Phase.FAILED || phase == Phase.WAITING;
  }
}
