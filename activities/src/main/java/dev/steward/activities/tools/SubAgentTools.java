package dev.steward.activities.tools;

import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import java.util.Map;

/** How an {@code agent:<name>} tool looks to a model: the sub-agent's instructions tell what it is for. */
final class SubAgentTools {

  private static final int MAX_DESCRIPTION = 600;

  private SubAgentTools() {}

  static ToolDefinition definition(ToolSpec tool) {
    String name = tool.name().substring(BuiltinTools.AGENT_PREFIX.length());
    String instructions = tool.options().get("spec") instanceof Map<?, ?> spec && spec.get("instructions") != null
        ? spec.get("instructions").toString().strip() : "";
    String about = instructions.isEmpty() ? "" : " It was told: " + instructions;
    if (about.length() > MAX_DESCRIPTION) {
      about = about.substring(0, MAX_DESCRIPTION) + "…";
    }
    return new ToolDefinition(tool.name(), "Give a task to the agent '" + name + "', which works on it alone and "
        + "returns its final answer." + about, BuiltinTools.AGENT_TOOL_SCHEMA);
  }
}
