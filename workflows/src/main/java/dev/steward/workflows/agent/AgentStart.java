package dev.steward.workflows.agent;

import dev.steward.workflows.agent.turn.AgentRun;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * The agent's state built from the workflow's input, with what is wrong with that input. An input
 * so broken that no state can be built from it gets a stand-in's, so the handlers of the one
 * workflow task that fails the workflow still find an (empty) agent.
 *
 * @param run the state of this run
 * @param problem what is wrong with the input, naming the field; null when it is valid
 * @param unusable true when {@code run} is the stand-in's
 */
record AgentStart(AgentRun run, String problem, boolean unusable) {

  static AgentStart from(AgentInput input) {
    String problem = InputCheck.problem(input);
    try {
      return new AgentStart(new AgentRun(input), problem, false);
    } catch (RuntimeException e) {
      if (problem == null) {
        throw e;
      }
      return new AgentStart(new AgentRun(InputCheck.standIn(input)), problem, true);
    }
  }

  /**
   * Ends the workflow at once, naming the field, when the input is invalid. Agents started before
   * the check with an input it refuses but that ran (a negative limit read as none) replay as they ran.
   */
  void failIfInvalid() {
    if (problem != null
        && (Versions.atLeast(ChangeIds.INPUT_VALIDATED, 1) || unusable)) {
      throw ApplicationFailure.newNonRetryableFailure("invalid workflow input: " + problem, InputCheck.INVALID_INPUT);
    }
  }
}
