package dev.steward.client.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.CostBudgets;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code agent:<name>} tools to the agents they name: {@code <name>.yaml} beside the
 * agent file, or the file given by the tool's {@code file} option. The sub-agent's spec travels
 * inside the tool (option {@code spec}), so a worker anywhere can start it without the files. Only
 * this class sets {@code spec}: agent files may not (the reader refuses it), so every sub-agent is
 * checked as a file of its own.
 */
final class SubAgentFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SubAgentFiles() {}

  static AgentSpec resolve(AgentSpec spec, Path file, String text) {
    return resolve(spec, file, text, new HashSet<>());
  }

  @SuppressWarnings("unchecked")
  private static AgentSpec resolve(AgentSpec spec, Path file, String text, Set<Path> visiting) {
    if (spec.tools().stream().noneMatch(t -> t.name().startsWith(BuiltinTools.AGENT_PREFIX))) {
      return spec;
    }
    visiting.add(file.toAbsolutePath().normalize());
    List<ToolSpec> tools = new ArrayList<>();
    for (ToolSpec tool : spec.tools()) {
      if (!tool.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
        tools.add(tool);
        continue;
      }
      String name = tool.name().substring(BuiltinTools.AGENT_PREFIX.length());
      Object given = tool.options().get("file");
      Path sub = file.toAbsolutePath().getParent().resolve(given == null ? name + ".yaml" : given.toString()).normalize();
      int line = lineOf(text, tool.name());
      if (visiting.contains(sub)) {
        throw problem(file, line, tool.name(), "agents call each other in a circle through " + sub.getFileName());
      }
      if (!Files.isRegularFile(sub)) {
        throw problem(file, line, tool.name(), "no agent file " + sub + " (put " + name + ".yaml beside this file, "
            + "or give its path with file:)");
      }
      String childText;
      try {
        childText = Files.readString(sub);
      } catch (java.io.IOException e) {
        throw problem(file, line, tool.name(), "cannot read " + sub + ": " + e.getMessage());
      }
      // The child's own relative paths (OpenAPI documents, its sub-agents) start at its own folder.
      AgentSpec child = resolve(AgentFiles.parse(childText, sub.toString(), sub.getParent()), sub, childText, visiting);
      if (spec.limits().maxCostUsd() > 0) {
        // The child's own budget was checked in its own file; this one it shares with its parent.
        for (CostBudgets.Unpriced unpriced : CostBudgets.unpriced(child, true)) {
          throw problem(file, line, tool.name(), "the sub-agent's " + unpriced.path() + " " + unpriced.message());
        }
      }
      Map<String, Object> options = new LinkedHashMap<>(tool.options());
      options.remove("file");
      options.put("spec", JSON.convertValue(child, Map.class));
      tools.add(new ToolSpec(tool.name(), options));
    }
    visiting.remove(file.toAbsolutePath().normalize());
    return spec.withTools(tools);
  }

  private static AgentFileException problem(Path file, int line, String tool, String reason) {
    return new AgentFileException(List.of(new AgentFileProblem(file.toString(), line, "tools." + tool, reason)));
  }

  /** The first line that names the tool, for the error message. */
  private static int lineOf(String text, String tool) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(tool)) {
        return i + 1;
      }
    }
    return 0;
  }
}
