package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.PendingApproval;
import picocli.CommandLine.Parameters;

/** Approve or deny: the same request with a different answer. */
abstract class DecideCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "1", paramLabel = "CALL", description = "The tool call's id, as 'steward show' lists it.")
  String callId;

  abstract boolean approved();

  abstract String reason();

  @Override
  int run(Agents client) {
    PendingApproval done = client.decide(agentId, new Decision(callId, approved(), reason(), Approver.who()));
    print(done, (approved() ? "approved " : "denied ") + done.tool() + " call " + done.callId());
    return 0;
  }
}
