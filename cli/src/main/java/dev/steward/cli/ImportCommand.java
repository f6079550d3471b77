package dev.steward.cli;

import dev.steward.client.AgentExport;
import dev.steward.client.spec.AgentSpecs;
import dev.steward.client.Agents;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward import agent.json [--id ID]}: an exported agent, alive again. */
@Command(name = "import", description = "Bring an exported agent back as a new live agent; prints its id.")
final class ImportCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "FILE", description = "A file written by steward export (- for standard input).")
  String file;

  @Option(names = "--id", paramLabel = "ID", description = "The new agent's id (default: agent-<name>-<random>).")
  String newId;

  private AgentExport export;

  @Override
  void readInputs() throws Exception {
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      export = AgentExport.read(in, file);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    // Checked here too, so the error names the file (the agent's client checks it again, as does a gateway).
    AgentSpecs.check(export.agent().spec(), file, "agent.spec");
  }

  @Override
  int run(Agents agents) throws Exception {
    String id = agents.importAgent(export, newId);
    print(Map.of("agentId", id, "importedFrom", export.agentId()), id);
    return 0;
  }
}
