package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.agent.AgentSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steward show ID}: what the agent is and does right now. */
@Command(name = "show", description = "Show an agent: status, turn, usage, pending approvals, last outcome, inbox.")
final class ShowCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Override
  int run(Agents client) {
    AgentSnapshot snapshot = client.snapshot(agentId);
    print(snapshot, Format.snapshot(snapshot, RewoundTurn.of(client, agentId)));
    return 0;
  }
}
