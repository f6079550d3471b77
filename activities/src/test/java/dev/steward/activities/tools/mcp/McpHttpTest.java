package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP over Streamable HTTP against {@link TestMcpServer} served by the SDK's servlet transport in
 * Jetty, on a free loopback port.
 */
class McpHttpTest {

  private static JettyMcpServer server;
  private static McpAgent agent;
  private static final Set<String> authorizations = ConcurrentHashMap.newKeySet();
  private static final Set<String> teams = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    server = new JettyMcpServer(0, (request, method) -> {
      if (request.getHeader("Authorization") != null) {
        authorizations.add(request.getHeader("Authorization"));
      }
      if (request.getHeader("X-Team") != null) {
        teams.add(request.getHeader("X-Team"));
      }
    });
    McpServerSpec spec = McpServerSpec.http("remote", server.url(), "REMOTE_TOKEN", Map.of("X-Team", "${TEAM_NAME}"));
    Map<String, String> env = Map.of("REMOTE_TOKEN", "s3cret", "TEAM_NAME", "blue");
    agent = new McpAgent(spec, List.of("remote.echo", "remote.fail", "remote.grow", "remote.late"), env::get);
  }

  @AfterAll
  static void stop() throws Exception {
    agent.close();
    server.close();
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
