package dev.steward.cli;

import dev.steward.client.Agents;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward rewind ID --to-turn N}: back to the end of turn N; later turns stay, marked abandoned. */
@Command(name = "rewind", description = "Return an idle agent to the end of turn N; later turns stay in the transcript as abandoned.")
final class RewindCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--to-turn", paramLabel = "N", required = true, description = "The turn to return to (0: before the first).")
  int toTurn;

  @Override
  int run(Agents agents) {
    int turn = agents.rewind(agentId, toTurn);
    print(Map.of("agentId", agentId, "rewoundTo", turn), agentId + " rewound to the end of turn " + turn);
    return 0;
  }
}
