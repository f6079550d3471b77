package dev.steward.cli;

import dev.steward.client.Agents;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward stop ID}: ends an agent after its running step; pending approvals are denied. */
@Command(name = "stop", description = "Stop an agent after the step it is running; pending approvals are denied.")
final class StopCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "stopped with steward stop",
      description = "Why, for the record (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  int run(Agents client) {
    client.stop(agentId, reason);
    print(Map.of("agentId", agentId, "stopped", true), "stopping " + agentId);
    return 0;
  }
}
