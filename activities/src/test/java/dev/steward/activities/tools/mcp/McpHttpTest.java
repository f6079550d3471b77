package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ToolResult;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP over Streamable HTTP against {@link TestMcpServer} served by the SDK's servlet transport in
 * Jetty, on a free loopback port.
 */
class McpHttpTest {

  private static Server jetty;
  private static McpSyncServer mcp;
  private static McpAgent agent;
  private static final Set<String> authorizations = ConcurrentHashMap.newKeySet();
  private static final Set<String> teams = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(TestMcpServer.JSON).mcpEndpoint("/mcp").build();
    mcp = TestMcpServer.http(transport);
    jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    Filter recordHeaders = (request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      if (http.getHeader("Authorization") != null) {
        authorizations.add(http.getHeader("Authorization"));
      }
      if (http.getHeader("X-Team") != null) {
        teams.add(http.getHeader("X-Team"));
      }
      chain.doFilter(request, response);
    };
    FilterHolder filter = new FilterHolder(recordHeaders);
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.start();
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    McpServerSpec server = McpServerSpec.http("remote", "http://127.0.0.1:" + port + "/mcp", "REMOTE_TOKEN",
        Map.of("X-Team", "${TEAM_NAME}"));
    Map<String, String> env = Map.of("REMOTE_TOKEN", "s3cret", "TEAM_NAME", "blue");
    agent = new McpAgent(server, List.of("remote.echo", "remote.fail", "remote.grow", "remote.late"), env::get);
  }

  @AfterAll
  static void stop() throws Exception {
    agent.close();
    mcp.close();
    jetty.stop();
  }

  @Test
  void listsAndCallsToolsWithTheCredentialAndHeadersFromTheWorkersEnvironment() {
    assertThat(agent.modelToolNames()).contains("remote.echo", "remote.fail");
    ToolResult result = agent.call("remote.echo", "{\"text\":\"over http\"}");
    assertThat(result.error()).isFalse();
    assertThat(result.content()).startsWith("echo:over http key:agent-1/call-");
    assertThat(authorizations).containsOnly("Bearer s3cret");
    assertThat(teams).containsOnly("blue");
  }

  @Test
  void anIsErrorResultIsAToolError() {
    assertThat(agent.call("remote.fail", "{}")).isEqualTo(ToolResult.error("broken on purpose"));
  }

  @Test
  void aToolAddedLaterIsFoundOnTheNextCall() {
    assertThat(agent.call("remote.grow", "{}").content()).isEqualTo("grown");
    // Whether or not the notification arrived, a miss lists the tools again.
    assertThat(agent.call("remote.late", "{}")).isEqualTo(ToolResult.ok("late tool ran"));
    assertThat(agent.modelToolNames()).contains("remote.late");
  }
}
