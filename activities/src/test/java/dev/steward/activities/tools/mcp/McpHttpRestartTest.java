package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A Streamable HTTP server that restarts forgets the worker's session (404 on its id). The next
 * call was refused before it reached a tool, so it starts a new session and runs at once.
 */
class McpHttpRestartTest {

  @Test
  void theFirstCallAfterTheServerRestartedRuns() throws Exception {
    List<String> methods = new CopyOnWriteArrayList<>();
    JettyMcpServer.Listener record = (request, method) -> {
      if (method != null) {
        methods.add(method);
      }
    };
    JettyMcpServer first = new JettyMcpServer(0, record);
    int port = first.port();
    McpServerSpec spec = McpServerSpec.http("restarts", first.url(), null, Map.of());
    try (McpAgent agent = new McpAgent(spec, List.of("restarts.echo"), Map.<String, String>of()::get)) {
      assertThat(agent.call("restarts.echo", "{\"text\":\"before\"}").content()).startsWith("echo:before");

      first.close();
      methods.clear();
      try (JettyMcpServer second = new JettyMcpServer(port, record)) {
        ToolResult after = agent.call("restarts.echo", "{\"text\":\"after\"}");
        assertThat(after.error()).as(after.content()).isFalse();
        assertThat(after.content()).startsWith("echo:after");
        // The call with the old session was refused (404); the worker began a new one and called again.
        assertThat(methods).containsExactly("tools/call", "initialize", "notifications/initialized", "tools/call");
      }
    }
  }
}
