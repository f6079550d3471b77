package dev.steward.client.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.FallbackPolicy;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the agent file differs from the spec records, and what the loader requires and bounds.
 * The generator reads these tables; everything else comes from the records themselves.
 */
final class FileFormat {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FileFormat() {}

  /** A record component named for the schema: {@code Type.component}. */
  static String key(Class<?> type, String component) {
    return type.getSimpleName() + "." + component;
  }

  /** Components the loader fills itself; a file may not write them. */
  static final Set<String> NOT_IN_FILE = Set.of(
      key(OpenApiSpec.class, "source"));

  /** Fields the loader reports as required. */
  static final Set<String> REQUIRED = Set.of(
      key(AgentSpec.class, "name"), key(AgentSpec.class, "model"),
      key(ModelSpec.class, "provider"),
      key(ScriptedTurn.class, "steps"), key(ScriptedStep.ScriptedToolCall.class, "tool"),
      key(MemorySpec.MemoryBlockSpec.class, "name"),
      key(ScheduleSpec.class, "name"), key(ScheduleSpec.class, "message"),
      key(McpServerSpec.class, "name"),
      key(HttpToolSpec.class, "name"), key(HttpToolSpec.class, "url"),
      key(OpenApiSpec.class, "name"), key(OpenApiSpec.class, "document"));

  /** Descriptions for the file where the record's Javadoc describes the loaded value instead. */
  static final Map<String, String> DESCRIPTIONS = Map.of(
      key(OpenApiSpec.class, "document"), "the OpenAPI 3 document (YAML or JSON), as a path relative to this agent file",
      key(AgentSpec.class, "tools"), "the tools the agent may call: a name (e.g. current_time, fs.read_file, fs.*, "
          + "agent:researcher) or a mapping with name and that tool's options",
      key(ApprovalPolicy.class, "tools"), "tool names that need approval, or \"*\" for every tool; fs.* means every "
          + "tool of MCP server fs");

  /** Lowest values the loader accepts. */
  static final Map<String, Number> MINIMUM = Map.ofEntries(
      Map.entry(key(Limits.class, "maxStepsPerTurn"), 1), Map.entry(key(Limits.class, "maxTurns"), 0),
      Map.entry(key(Limits.class, "maxTotalTokens"), 0), Map.entry(key(Limits.class, "maxTurnSeconds"), 0),
      Map.entry(key(Limits.class, "maxCostUsd"), 0),
      Map.entry(key(ModelSpec.class, "temperature"), 0), Map.entry(key(ModelSpec.class, "maxTokens"), 1),
      Map.entry(key(ModelSpec.class, "timeoutSeconds"), 1),
      Map.entry(key(FallbackPolicy.class, "attempts"), 1), Map.entry(key(FallbackPolicy.class, "seconds"), 1),
      Map.entry(key(ApprovalPolicy.class, "timeoutSeconds"), 1),
      Map.entry(key(MemorySpec.class, "contextTokens"), 256), Map.entry(key(MemorySpec.MemoryBlockSpec.class, "limit"), 1),
      Map.entry(key(MemorySpec.class, "segmentEntries"), 1),
      Map.entry(key(McpServerSpec.class, "timeoutSeconds"), 1),
      Map.entry(key(HttpToolSpec.class, "timeoutSeconds"), 1), Map.entry(key(HttpToolSpec.class, "maxBytes"), 1),
      Map.entry(key(OpenApiSpec.class, "timeoutSeconds"), 1), Map.entry(key(OpenApiSpec.class, "maxBytes"), 1));

  /** Highest values the loader accepts. */
  static final Map<String, Number> MAXIMUM = Map.ofEntries(
      Map.entry(key(ModelSpec.class, "temperature"), 2),
      Map.entry(key(ModelSpec.class, "timeoutSeconds"), Bounds.MAX_CALL_SECONDS),
      Map.entry(key(McpServerSpec.class, "timeoutSeconds"), Bounds.MAX_CALL_SECONDS),
      Map.entry(key(HttpToolSpec.class, "timeoutSeconds"), Bounds.MAX_CALL_SECONDS),
      Map.entry(key(OpenApiSpec.class, "timeoutSeconds"), Bounds.MAX_CALL_SECONDS),
      Map.entry(key(FallbackPolicy.class, "attempts"), FallbackPolicy.MAX_ATTEMPTS),
      Map.entry(key(FallbackPolicy.class, "seconds"), FallbackPolicy.MAX_SECONDS),
      Map.entry(key(Limits.class, "maxTotalTokens"), Bounds.MAX_TOTAL_TOKENS),
      Map.entry(key(Limits.class, "maxTurnSeconds"), Bounds.MAX_WAIT_SECONDS),
      Map.entry(key(ApprovalPolicy.class, "timeoutSeconds"), Bounds.MAX_WAIT_SECONDS),
      Map.entry(key(MemorySpec.class, "contextTokens"), 10_000_000),
      Map.entry(key(MemorySpec.class, "segmentEntries"), 100_000));

  /** Closed sets of values. */
  static final Map<String, List<String>> ENUMS = Map.of(
      key(ModelSpec.class, "provider"), ModelProviders.names(),
      key(ModelSpec.class, "maxTokensField"), List.of(ModelSpec.MAX_COMPLETION_TOKENS, ModelSpec.MAX_TOKENS));

  /** Patterns of names. */
  static final Map<String, String> PATTERNS = Map.of(
      key(AgentSpec.class, "name"), "^" + AgentSpecReader.NAME.pattern() + "$",
      key(HttpToolSpec.class, "name"), "^[A-Za-z0-9_-]{1,64}$",
      key(McpServerSpec.class, "name"), "^[A-Za-z0-9_-]{1,64}$",
      key(OpenApiSpec.class, "name"), "^[A-Za-z0-9_-]{1,64}$");

  /** {@code tools:} items: a bare name, or a mapping with the name and that tool's options. */
  static ObjectNode toolItem() {
    ObjectNode byName = JSON.objectNode().put("type", "string").put("minLength", 1)
        .put("description", "the tool's name, with default options");
    ObjectNode withOptions = JSON.objectNode().put("type", "object")
        .put("description", "the tool's name and its options, e.g. allow_hosts, max_bytes, timeout_seconds");
    withOptions.putObject("properties").putObject("name").put("type", "string").put("minLength", 1);
    withOptions.putArray("required").add("name");
    withOptions.put("additionalProperties", true);
    ObjectNode item = JSON.objectNode();
    item.putArray("anyOf").add(byName).add(withOptions);
    return item;
  }

  /** {@code approval.tools}: a list of names, or {@code "*"} for every tool. */
  static ObjectNode approvalTools() {
    ObjectNode list = JSON.objectNode().put("type", "array");
    list.putObject("items").put("type", "string");
    ObjectNode node = JSON.objectNode();
    node.putArray("anyOf").add(list).add(JSON.objectNode().put("const", "*"));
    return node;
  }
}
