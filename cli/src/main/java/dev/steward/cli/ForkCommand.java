package dev.steward.cli;

import dev.steward.client.Agents;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward fork ID --at-turn N [--id NEW]}: a new agent from the state after turn N. */
@Command(name = "fork", description = "Start a new agent whose state is ID's right after turn N; ID is untouched.")
final class ForkCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent to fork.")
  String agentId;

  @Option(names = "--at-turn", paramLabel = "N", required = true, description = "The turn to fork after.")
  int atTurn;

  @Option(names = "--id", paramLabel = "NEW", description = "The new agent's id (default: agent-<name>-<random>).")
  String newId;

  @Override
  int run(Agents agents) {
    String id = agents.fork(agentId, atTurn, newId);
    print(Map.of("agentId", id, "forkedFrom", agentId, "atTurn", atTurn), id);
    return 0;
  }
}
