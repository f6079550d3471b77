package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.tools.Heartbeats;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolOptions;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/**
 * One tool of an MCP server, run with {@code tools/call}. The call carries the Steward call's
 * idempotency key in its {@code _meta} ({@value #IDEMPOTENCY_META}), the same across retries, so a
 * server can refuse to repeat a side effect. An {@code isError} result is an error result; so are a
 * JSON-RPC error and a server that stopped.
 */
final class McpTool implements Tool {

  /** The {@code _meta} key holding {@code <agent id>/<incarnation>/<call id>}. */
  static final String IDEMPOTENCY_META = "dev.steward/idempotency-key";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final McpConnection connection;
  private final String mcpName;
  private final ToolDefinition definition;
  private final ObjectMapper json;

  McpTool(McpConnection connection, String mcpName, ToolDefinition definition, ObjectMapper json) {
    this.connection = connection;
    this.mcpName = mcpName;
    this.definition = definition;
    this.json = json;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException, InterruptedException {
    // The tool's own timeout_seconds (which also sizes the activity) wins over the server's.
    long seconds = new ToolOptions(invocation.toolName(), invocation.options())
        .longValue("timeout_seconds", connection.server().timeoutSecondsOrDefault());
    McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder()
        .name(mcpName)
        .arguments(json.convertValue(arguments, MAP))
        .meta(Map.of(IDEMPOTENCY_META, invocation.idempotencyKey()))
        .build();
    McpSchema.CallToolResult result = connection.call(request, Duration.ofSeconds(seconds), Heartbeats.current());
    String text = McpResults.text(result, json);
    return Boolean.TRUE.equals(result.isError()) ? ToolResult.error(text) : ToolResult.ok(text);
  }
}
