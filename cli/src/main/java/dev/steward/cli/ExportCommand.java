package dev.steward.cli;

import dev.steward.client.AgentExport;
import dev.steward.client.Agents;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward export ID > agent.json}: the whole agent as JSON. */
@Command(name = "export", description = "Write an agent (spec, memory, summary, transcript, usage) as JSON, to stdout or --out FILE.")
final class ExportCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path out;

  @Override
  int run(Agents agents) throws Exception {
    AgentExport export = agents.export(agentId);
    if (out == null) {
      OutputStream stdout = System.out;
      export.write(new java.io.FilterOutputStream(stdout) {
        @Override
        public void close() throws java.io.IOException {
          flush(); // Jackson closes what it writes to; standard output must stay open.
        }
      });
      System.out.println();
      System.out.flush();
    } else {
      try (OutputStream file = Files.newOutputStream(out)) {
        export.write(file);
      }
      err().println("exported " + agentId + " to " + out);
      err().flush();
    }
    return 0;
  }
}
