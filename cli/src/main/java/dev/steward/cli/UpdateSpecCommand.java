package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.client.spec.AgentFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code steward update-spec ID FILE}: replaces a running agent's spec from its next turn. */
@Command(name = "update-spec", description = "Replace a running agent's spec with FILE; it applies from the next turn.")
final class UpdateSpecCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Parameters(index = "1", paramLabel = "FILE", description = "The new agent file (YAML).")
  Path file;

  /** The file is read again where the spec is sent; checking it here names it even when no server answers. */
  @Override
  void readInputs() {
    AgentFiles.load(file);
  }

  @Override
  int run(Agents client) {
    client.updateSpec(agentId, file);
    print(Map.of("agentId", agentId, "updated", true), "updated " + agentId + "; the new spec applies from the next turn");
    return 0;
  }
}
