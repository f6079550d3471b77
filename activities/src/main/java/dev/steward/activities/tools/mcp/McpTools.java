package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.tools.DeclarationOptions;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolSource;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * MCP tools, named {@code server.tool}: from servers declared in the agent file (attached to the
 * tool's options) or configured on the worker. Connections are pooled per server declaration, one
 * process per stdio server in this worker, and closed with {@link #close()}.
 */
public final class McpTools implements ToolSource, AutoCloseable {

  private final Function<String, String> env;
  private final Map<String, McpServerSpec> workerServers;
  private final AgentNetwork network;
  private final Map<McpServerSpec, McpConnection> connections = new ConcurrentHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private final McpJsonMapper mcpJson = new JacksonMcpJsonMapper(new ObjectMapper());

  /**
   * @param env reads the worker's environment variables (credentials) by name
   * @param workerServers servers configured on the worker, by name; an agent file's own
   *     declaration of the same name wins
   */
  public McpTools(Function<String, String> env, List<McpServerSpec> workerServers) {
    this(env, workerServers, AgentNetwork.fromEnvironment(env));
  }

  /**
   * @param network the policy for the urls of servers declared in agent files; servers configured on
   *     the worker are the operator's own and may be private
   */
  public McpTools(Function<String, String> env, List<McpServerSpec> workerServers, AgentNetwork network) {
    this.env = env;
    this.network = network;
    Map<String, McpServerSpec> byName = new ConcurrentHashMap<>();
    workerServers.forEach(s -> byName.put(s.name(), s));
    this.workerServers = Map.copyOf(byName);
  }

  @Override
  public boolean handles(ToolSpec tool) {
    if (tool.options().containsKey(DeclaredTools.MCP_SERVER)) {
      return true;
    }
    int dot = tool.name().indexOf('.');
    return dot > 0 && workerServers.containsKey(tool.name().substring(0, dot));
  }

  @Override
  public List<ToolDefinition> definitions(ToolSpec tool) throws ToolException {
    McpServerSpec server = server(tool);
    McpConnection connection = connection(server);
    String wanted = tool.name().substring(server.name().length() + 1);
    if (wanted.equals("*")) {
      List<ToolDefinition> all = new java.util.ArrayList<>();
      for (McpSchema.Tool t : connection.tools()) {
        all.add(definition(server, t));
      }
      return all;
    }
    return connection.find(wanted).map(t -> List.of(definition(server, t))).orElse(List.of());
  }

  @Override
  public Tool tool(ToolSpec tool) throws ToolException {
    McpServerSpec server = server(tool);
    McpConnection connection = connection(server);
    String wanted = tool.name().substring(server.name().length() + 1);
    McpSchema.Tool found = connection.find(wanted).orElse(null);
    if (found == null) {
      List<String> names = connection.tools().stream().map(McpSchema.Tool::name).toList();
      throw new ToolException("MCP server " + server.name() + " has no tool '" + wanted + "'; it has: "
          + String.join(", ", names));
    }
    return new McpTool(connection, wanted, definition(server, found), json);
  }

  private McpServerSpec server(ToolSpec tool) throws ToolException {
    McpServerSpec declared = DeclarationOptions.read(tool, DeclaredTools.MCP_SERVER, McpServerSpec.class);
    if (declared != null) {
      return declared;
    }
    int dot = tool.name().indexOf('.');
    McpServerSpec configured = dot > 0 ? workerServers.get(tool.name().substring(0, dot)) : null;
    if (configured == null) {
      throw new ToolException("no MCP server is declared for tool " + tool.name()
          + " (mcp_servers in the agent file, or STEWARD_MCP_SERVERS on the worker)");
    }
    return configured;
  }

  private McpConnection connection(McpServerSpec server) throws ToolException {
    if (!server.isStdio() && (server.url() == null || server.url().isBlank())) {
      throw new ToolException("MCP server " + server.name() + " needs a command (stdio) or a url (HTTP)");
    }
    boolean operators = workerServers.containsValue(server);
    return connections.computeIfAbsent(server,
        s -> new McpConnection(s, env, mcpJson, operators ? network.allowingPrivate(true) : network));
  }

  private ToolDefinition definition(McpServerSpec server, McpSchema.Tool tool) {
    String schema;
    try {
      schema = tool.inputSchema() == null ? null : json.writeValueAsString(tool.inputSchema());
    } catch (JsonProcessingException e) {
      schema = null;
    }
    String description = tool.description() != null ? tool.description() : tool.title();
    return new ToolDefinition(server.name() + "." + tool.name(), description, schema);
  }

  /** Stops every server this worker started. */
  @Override
  public void close() {
    connections.values().forEach(McpConnection::close);
    connections.clear();
  }
}
