package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small MCP server built with the MCP SDK, for tests: over stdio when run as a program (a
 * separate JVM), or over Streamable HTTP in the test's own JVM. Its tools:
 * {@code echo} (text and the call's idempotency key), {@code fail} (an {@code isError} result),
 * {@code crash} (the process exits mid-call), {@code env} (the names of its environment variables),
 * {@code pid} (its process id) and {@code grow} (adds the tool {@code late} and announces the change).
 * Over stdio it exits when the JVM that started it does, so a test run never leaves it behind.
 */
public final class TestMcpServer {

  static final JacksonMcpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

  private static final Map<String, Object> TEXT_ARG = Map.of(
      "type", "object", "properties", Map.of("text", Map.of("type", "string")), "required", List.of("text"));
  private static final Map<String, Object> NO_ARGS = Map.of("type", "object", "properties", Map.of());

  public static void main(String[] args) throws InterruptedException {
    McpSyncServer server = build(McpServer.sync((McpServerTransportProvider) new StdioServerTransportProvider(JSON)));
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    // The transport reads stdin on its own threads; this one only keeps the JVM alive.
    Thread.currentThread().join();
    server.close();
  }

  /** The server over Streamable HTTP, for a servlet container. */
  static McpSyncServer http(McpStreamableServerTransportProvider transport) {
    return build(McpServer.sync(transport));
  }

  private static McpSyncServer build(McpServer.SyncSpecification<?> spec) {
    AtomicReference<McpSyncServer> self = new AtomicReference<>();
    McpSyncServer server = spec
        .serverInfo("steward-test-server", "1.0")
        .jsonMapper(JSON)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(
            tool("echo", "Echo the text back.", TEXT_ARG, (exchange, request) -> text(
                "echo:" + request.arguments().get("text") + " key:" + meta(request, McpTool.IDEMPOTENCY_META), false)),
            tool("fail", "Always fails.", NO_ARGS, (exchange, request) -> text("broken on purpose", true)),
            tool("crash", "Exits the server process mid-call.", NO_ARGS, (exchange, request) -> {
              Runtime.getRuntime().halt(3);
              return text("unreachable", false);
            }),
            tool("env", "Names of the environment variables.", NO_ARGS,
                (exchange, request) -> text(String.join(",", new TreeSet<>(System.getenv().keySet())), false)),
            tool("pid", "The server's process id.", NO_ARGS,
                (exchange, request) -> text(String.valueOf(ProcessHandle.current().pid()), false)),
            tool("grow", "Adds the tool 'late'.", NO_ARGS, (exchange, request) -> {
              self.get().addTool(tool("late", "Added at run time.", NO_ARGS, (e, r) -> text("late tool ran", false)));
              self.get().notifyToolsListChanged();
              return text("grown", false);
            }))
        .build();
    self.set(server);
    return server;
  }

  private static SyncToolSpecification tool(String name, String description, Map<String, Object> schema,
      java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange, McpSchema.CallToolRequest,
          McpSchema.CallToolResult> handler) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description)
        .inputSchema(schema).build();
    return SyncToolSpecification.builder().tool(tool).callHandler(handler).build();
  }

  private static Object meta(McpSchema.CallToolRequest request, String key) {
    return request.meta() == null ? null : request.meta().get(key);
  }

  private static McpSchema.CallToolResult text(String text, boolean error) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
  }

  private TestMcpServer() {}
}
