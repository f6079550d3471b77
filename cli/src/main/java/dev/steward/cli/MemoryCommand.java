package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steward memory ID [--set NAME FILE]}: what the agent remembers, and a person's edit of it. */
@Command(name = "memory", description = "Show an agent's memory blocks, or set one from a file with --set NAME FILE.")
final class MemoryCommand extends AgentCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The agent's id.")
  String agentId;

  @Option(names = "--set", arity = "2", paramLabel = "NAME FILE",
      description = "Replace block NAME with the text of FILE (- for standard input); creates the block if new.")
  List<String> set;

  @Override
  int run(Agents agents) throws Exception {
    var client = agents;
    if (set != null) {
      String file = set.get(1);
      String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file));
      MemoryBlock b = client.setMemory(agentId, new MemoryEdit(set.get(0), text.strip(), "cli:" + System.getProperty("user.name")));
      print(b, "memory '" + b.name() + "' set (" + b.text().length() + "/" + b.limit() + " characters)");
      return 0;
    }
    List<MemoryBlock> blocks = client.snapshot(agentId).memory();
    if (json.enabled()) {
      print(blocks, null);
      return 0;
    }
    if (blocks.isEmpty()) {
      out().println("no memory blocks (declare them under memory.blocks in the agent file, or add one with --set)");
    }
    for (MemoryBlock b : blocks) {
      out().println("== " + b.name() + " (" + b.text().length() + "/" + b.limit() + ")"
          + (b.description().isEmpty() ? "" : " — " + b.description()));
      out().println(b.text().isEmpty() ? "(empty)" : b.text());
    }
    out().flush();
    return 0;
  }
}
