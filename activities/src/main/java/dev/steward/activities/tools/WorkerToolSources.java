package dev.steward.activities.tools;

import dev.steward.activities.tools.httptool.HttpRequestRunner;
import dev.steward.activities.tools.httptool.HttpTools;
import dev.steward.activities.tools.mcp.McpTools;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.tools.mcp.WorkerMcpServers;
import dev.steward.workflows.spec.McpServerSpec;
import java.util.List;
import java.util.function.Function;

/**
 * One worker's sources of declared tools: MCP servers (pooled: one connection, and one process per
 * stdio server, for the whole worker), HTTP tools and OpenAPI imports. Share one instance between
 * the model activity (through {@link ToolCatalog#withSources}) and the tool activity, and close it
 * when the worker shuts down, which stops the MCP servers it started.
 */
public final class WorkerToolSources implements AutoCloseable {

  private static final java.util.Map<Boolean, WorkerToolSources> SHARED = new java.util.HashMap<>();

  private final McpTools mcp;
  private final List<ToolSource> sources;

  /**
   * @param env reads the worker's environment variables (credentials) by name
   * @param mcpServers MCP servers configured on the worker (agent files may declare more)
   */
  public WorkerToolSources(Function<String, String> env, List<McpServerSpec> mcpServers) {
    this(env, mcpServers, AgentNetwork.fromEnvironment(env));
  }

  /**
   * @param network the policy for every connection: HTTP tools apply their own {@code allow_private}
   *     to it, MCP servers from agent files use it as it is
   */
  public WorkerToolSources(Function<String, String> env, List<McpServerSpec> mcpServers, AgentNetwork network) {
    HttpRequestRunner http = new HttpRequestRunner(network.allowingPrivate(false));
    this.mcp = new McpTools(env, mcpServers, network);
    this.sources = List.of(mcp, new HttpTools(env, http), new dev.steward.activities.tools.openapi.OpenApiTools(env, http));
  }

  /**
   * The process's shared instance, made on first use from the process environment; MCP servers
   * configured on the worker come from the file {@code STEWARD_MCP_SERVERS} names (see
   * {@link WorkerMcpServers}). Closed when the JVM exits, or earlier by the worker.
   */
  public static WorkerToolSources shared() {
    return shared(AgentNetwork.fromEnvironment(System::getenv));
  }

  /** Like {@link #shared()}, with MCP servers from agent files held to {@code network}; one instance per allowance. */
  public static synchronized WorkerToolSources shared(AgentNetwork network) {
    return SHARED.computeIfAbsent(network.policy().allowPrivate(), allow -> {
      WorkerToolSources instance = new WorkerToolSources(System::getenv, WorkerMcpServers.fromEnvironment(), network);
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "steward-tool-sources-close"));
      return instance;
    });
  }

  public List<ToolSource> sources() {
    return sources;
  }

  /** Stops every MCP server this worker started. */
  @Override
  public void close() {
    mcp.close();
  }
}
