package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.client.spec.AgentFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward start FILE}: starts an agent and prints its id. */
@Command(name = "start", description = "Start an agent from FILE and print its id.")
final class StartCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "The agent file (YAML).")
  Path file;

  @Option(names = "--id", paramLabel = "ID",
      description = "The agent's id (default: agent-<name>-<random>). Starting again with the same id and spec does nothing.")
  String id;

  /** The file is read again where the spec is sent; checking it here names it even when no server answers. */
  @Override
  void readInputs() {
    AgentFiles.load(file);
  }

  @Override
  int run(Agents client) {
    String agentId = client.start(id, file);
    print(Map.of("agentId", agentId), agentId);
    return 0;
  }
}
