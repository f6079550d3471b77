package dev.steward.client.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.tools.BuiltinTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the options of one entry under {@code tools}: each kind of tool takes only the options the
 * worker reads, with values of the right type and range; anything else is refused with the options
 * it does take, rather than ignored at run time.
 *
 * <ul>
 *   <li>{@code http_get}: {@code allow_hosts}, {@code max_bytes}, {@code timeout_seconds}, {@code allow_private}.
 *   <li>Other tools that run as activities ({@code current_time}, MCP, HTTP and OpenAPI tools):
 *       {@code timeout_seconds}, which bounds the call.
 *   <li>{@code agent:<name>}: {@code file}, the sub-agent's file when it is not {@code <name>.yaml} beside this one.
 *   <li>Tools the workflow runs ({@code sleep}, {@code ask_human}, the memory tools, ...): none; their
 *       settings are arguments the model gives with each call.
 * </ul>
 */
final class ToolOptionsReader {

  static final String TIMEOUT_SECONDS = "timeout_seconds";
  static final String FILE = "file";
  /** A resolved spec's sub-agent: {@code AgentSpecReader} checks it as an agent of its own. */
  static final String SPEC = "spec";

  private static final List<String> HTTP_GET = List.of("allow_hosts", "max_bytes", TIMEOUT_SECONDS, "allow_private");
  private static final List<String> ACTIVITY = List.of(TIMEOUT_SECONDS);
  private static final List<String> AGENT = List.of(FILE);
  private static final List<String> RESOLVED_AGENT = List.of(FILE, SPEC);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The argument schemas of the tools the workflow runs, to explain options that are the model's arguments. */
  private static final Map<String, String> IN_WORKFLOW_SCHEMAS = Map.of(
      BuiltinTools.SLEEP, BuiltinTools.SLEEP_SCHEMA,
      BuiltinTools.ASK_HUMAN, BuiltinTools.ASK_HUMAN_SCHEMA,
      BuiltinTools.SEND_TO_AGENT, BuiltinTools.SEND_TO_AGENT_SCHEMA,
      BuiltinTools.ASK_AGENT, BuiltinTools.ASK_AGENT_SCHEMA,
      BuiltinTools.MEMORY_READ, BuiltinTools.MEMORY_READ_SCHEMA,
      BuiltinTools.MEMORY_APPEND, BuiltinTools.MEMORY_APPEND_SCHEMA,
      BuiltinTools.MEMORY_REPLACE, BuiltinTools.MEMORY_REPLACE_SCHEMA,
      BuiltinTools.HANDOFF, BuiltinTools.HANDOFF_SCHEMA);

  private final Fields fields;
  private final ProblemLog log;
  private final boolean resolved;

  /** @param resolved true for a resolved spec, whose {@code agent:} tools carry their sub-agent's spec */
  ToolOptionsReader(Fields fields, boolean resolved) {
    this.fields = fields;
    this.log = fields.log();
    this.resolved = resolved;
  }

  /**
   * Checks the options of tool {@code name}, given as the mapping {@code item} at {@code path}
   * (e.g. {@code tools[1]}). The name must already be known to be allowed.
   */
  void check(String name, YamlNode.Mapping item, String path) {
    List<String> allowed = allowed(name);
    for (Map.Entry<String, YamlNode> option : item.fields().entrySet()) {
      String key = option.getKey();
      YamlNode value = option.getValue();
      String at = FieldPath.child(path, key);
      if (key.equals("name") || Fields.isNull(value)) {
        // A missing value is reported with the other options (Fields.freeMapping).
        continue;
      }
      if (!allowed.contains(key)) {
        log.error(value, at, unknown(name, key, allowed));
        continue;
      }
      switch (key) {
        case TIMEOUT_SECONDS -> fields.seconds(value, at, 1, Bounds.MAX_CALL_SECONDS);
        case "max_bytes" -> fields.whole(value, at, 1, Integer.MAX_VALUE - 1);
        case "allow_private" -> fields.bool(value, at);
        case "allow_hosts" -> hosts(value, at);
        case FILE -> fields.text(value, at);
        case SPEC -> {
          // Checked by the agent reader, as an agent of its own.
        }
        default -> throw new IllegalStateException("option " + key + " is allowed but not checked");
      }
    }
  }

  private List<String> allowed(String name) {
    if (name.equals(BuiltinTools.HTTP_GET)) {
      return HTTP_GET;
    }
    if (name.startsWith(BuiltinTools.AGENT_PREFIX)) {
      return resolved ? RESOLVED_AGENT : AGENT;
    }
    if (IN_WORKFLOW_SCHEMAS.containsKey(name)) {
      return List.of();
    }
    // current_time, MCP, HTTP and OpenAPI tools run as activities, each bounded by its timeout.
    return ACTIVITY;
  }

  private static String unknown(String tool, String key, List<String> allowed) {
    if (tool.startsWith(BuiltinTools.AGENT_PREFIX) && key.equals("spec")) {
      String name = tool.substring(BuiltinTools.AGENT_PREFIX.length());
      return "a sub-agent is not written inline: it is the agent file " + name + ".yaml beside this one "
          + "(or the file named by file:), which is checked like this one and carried to the worker";
    }
    if (allowed.isEmpty()) {
      Set<String> arguments = arguments(tool);
      if (arguments.contains(key)) {
        return tool + " takes no options in the agent file: " + key + " is an argument the model sets with each call;"
            + " say in the instructions what it should use";
      }
      return tool + " takes no options in the agent file" + (arguments.isEmpty() ? ""
          : "; the model gives its arguments (" + String.join(", ", arguments) + ") with each call");
    }
    String takes = String.join(", ", allowed);
    return "unknown option of " + tool + Suggestions.closest(key, allowed)
        .map(c -> "; did you mean '" + c + "'? It takes " + takes).orElse("; it takes " + takes);
  }

  /** The argument names of a tool the workflow runs. */
  private static Set<String> arguments(String tool) {
    String schema = IN_WORKFLOW_SCHEMAS.get(tool);
    if (schema == null) {
      return Set.of();
    }
    try {
      Set<String> names = new java.util.LinkedHashSet<>();
      JSON.readTree(schema).path("properties").fieldNames().forEachRemaining(names::add);
      return names;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the built-in schema of " + tool + " is not JSON", e);
    }
  }

  /** Host names: one, or a list (the worker reads a single name as a list of one). */
  private void hosts(YamlNode node, String at) {
    if (node instanceof YamlNode.Sequence seq) {
      List<YamlNode> items = new ArrayList<>(seq.items());
      for (int i = 0; i < items.size(); i++) {
        YamlNode item = items.get(i);
        if (!(item instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.TEXT)) {
          log.error(item, FieldPath.index(at, i), "expected a host name, e.g. example.org or *.example.org, got "
              + item.describe());
        }
      }
    } else if (!(node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.TEXT)) {
      log.error(node, at, "expected a list of host names, e.g. [example.org, \"*.example.org\"], got " + node.describe());
    }
  }
}
