package dev.steward.activities.tools.mcp;

import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.network.PinnedClientBuilder;
import dev.steward.activities.secrets.Redactor;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.httptool.HeaderValues;
import dev.steward.network.Destination;
import dev.steward.network.NetworkPolicy;
import dev.steward.network.RefusedDestinationException;
import dev.steward.workflows.spec.McpServerSpec;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the SDK transport for a server declaration: stdio (a child process) or Streamable HTTP. */
final class McpTransports {

  /**
   * Variables a child process needs to run (find programs, its home); nothing secret. The SDK adds
   * the same non-secret ones it always passes (SHELL, TERM, USER, LOGNAME) when the worker has them.
   */
  static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "SHELL", "TERM", "USER", "LOGNAME");

  private static final Logger log = LoggerFactory.getLogger(McpTransports.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private McpTransports() {}

  static McpClientTransport create(McpServerSpec server, Function<String, String> env, McpJsonMapper json,
      AgentNetwork network) throws ToolException {
    return server.isStdio() ? stdio(server, env, json) : http(server, env, json, network);
  }

  /** The environment a stdio server starts with: PATH, HOME and the variables it names. */
  static Map<String, String> environment(McpServerSpec server, Function<String, String> env) throws ToolException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : List.of("PATH", "HOME")) {
      String value = System.getenv(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    for (String name : server.env()) {
      String value = env.apply(name);
      if (value == null) {
        throw new ToolException("MCP server " + server.name() + " needs the environment variable " + name
            + " (mcp_servers env), which is not set where the worker runs");
      }
      // A child's variables are credentials too: whatever it prints back must be redacted.
      Redactor.worker().remember(name, value);
      out.put(name, value);
    }
    return out;
  }

  private static McpClientTransport stdio(McpServerSpec server, Function<String, String> env, McpJsonMapper json)
      throws ToolException {
    List<String> command = server.command();
    ServerParameters params = ServerParameters.builder(command.get(0))
        .args(command.subList(1, command.size()))
        .env(environment(server, env))
        .build();
    CleanEnvironmentStdioTransport transport = new CleanEnvironmentStdioTransport(params, json);
    transport.setStdErrorHandler(line -> log.debug("MCP server {} stderr: {}", server.name(), line));
    return transport;
  }

  /**
   * Streamable HTTP, over a client pinned to the addresses the network policy vetted when this
   * connection started (a restart vets again).
   */
  private static McpClientTransport http(McpServerSpec server, Function<String, String> env, McpJsonMapper json,
      AgentNetwork network) throws ToolException {
    if (server.url() == null || server.url().isBlank()) {
      throw new ToolException("MCP server " + server.name() + " has neither a command (stdio) nor a url (HTTP)");
    }
    Destination destination;
    try {
      destination = network.vet(server.url());
    } catch (RefusedDestinationException e) {
      throw new ToolException("MCP server " + server.name() + ": the worker refuses its url, " + e.getMessage()
          + (e.privateAddress() ? "; the worker's operator may allow private networks with "
              + NetworkPolicy.ALLOW_PRIVATE_VARIABLE + "=true, or configure the server in STEWARD_MCP_SERVERS" : ""));
    }
    URI uri = destination.uri();
    Map<String, String> headers =
        HeaderValues.resolve(server.headers(), server.credential(), env, uri.toString(), "MCP server " + server.name());
    String base = uri.getScheme() + "://" + uri.getRawAuthority();
    String endpoint = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return HttpClientStreamableHttpTransport.builder(base)
        .endpoint(endpoint)
        .jsonMapper(json)
        .clientBuilder(new PinnedClientBuilder(destination, CONNECT_TIMEOUT))
        .connectTimeout(CONNECT_TIMEOUT)
        .httpRequestCustomizer((request, method, target, body, context) -> headers.forEach(request::header))
        .build();
  }
}
