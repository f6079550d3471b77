package dev.steward.client.spec;

import dev.steward.workflows.tools.BuiltinTools;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which tool names an agent file may use: the built-in tools, MCP and OpenAPI tools named
 * {@code server.tool} (or {@code server.*} for all of them), HTTP tools declared under {@code http_tools},
 * and other agents named {@code agent:<name>}, which bring {@code handoff}. The worker checks that
 * MCP servers exist; the loader only checks the form here (agents and OpenAPI operations are checked
 * elsewhere in the loader).
 */
final class ToolNames {

  private static final Pattern MCP = Pattern.compile("[A-Za-z0-9_-]+\\.([A-Za-z0-9_.-]+|\\*)");
  private static final Pattern AGENT = Pattern.compile("agent:[a-z0-9][a-z0-9_-]*");

  private ToolNames() {}

  static boolean isAllowed(String name) {
    return BuiltinTools.NAMES.contains(name) || MCP.matcher(name).matches() || AGENT.matcher(name).matches();
  }

  /** Why {@code name} is not allowed, with the closest built-in tool if it looks like a typo. */
  static String whyNot(String name) {
    List<String> known = new ArrayList<>(BuiltinTools.NAMES);
    known.add(BuiltinTools.HANDOFF);
    return "unknown tool '" + name + "'" + Suggestions.didYouMean(name, known)
        + " Built-in tools are " + String.join(", ", BuiltinTools.NAMES)
        + "; MCP and OpenAPI tools are named server.tool (or server.*), HTTP tools are declared under http_tools,"
        + " other agents agent:<name> (which bring handoff)";
  }
}
