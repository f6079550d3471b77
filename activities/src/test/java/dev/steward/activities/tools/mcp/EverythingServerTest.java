package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A third-party MCP server over stdio: {@code @modelcontextprotocol/server-everything}, which
 * {@code .ci/run} installs from npm into {@code .ci/node}. Skipped, saying why, where it is not installed.
 */
class EverythingServerTest {

  static final Path SERVER =
      Path.of("..", ".ci", "node", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");

  private static McpAgent agent;

  @BeforeAll
  static void start() {
    assumeTrue(Files.isRegularFile(SERVER), "server-everything is not installed at " + SERVER.toAbsolutePath()
        + "; run: npm install --prefix .ci/node @modelcontextprotocol/server-everything@2026.8.31 (as .ci/run does)");
    McpServerSpec server = McpServerSpec.stdio("everything",
        List.of("node", SERVER.toAbsolutePath().normalize().toString(), "stdio"), List.of("EVERYTHING_TOKEN"));
    Map<String, String> env = Map.of("EVERYTHING_TOKEN", "abc", "OTHER_SECRET", "must-not-leak");
    agent = new McpAgent(server, List.of("everything.*"), env::get);
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  @Test
  void itsToolsReachTheModelAndRun() {
    assertThat(agent.modelToolNames()).contains("everything.echo", "everything.get-sum");
    assertThat(agent.call("everything.echo", "{\"message\":\"hi\"}")).isEqualTo(ToolResult.ok("Echo: hi"));
    ToolResult sum = agent.call("everything.get-sum", "{\"a\":2,\"b\":3}");
    assertThat(sum.error()).isFalse();
    assertThat(sum.content()).contains("5");
  }

  @Test
  void argumentsThatBreakItsSchemaAreRefusedBeforeTheCall() {
    ToolResult result = agent.call("everything.get-sum", "{\"a\":\"two\",\"b\":3}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("invalid arguments for " + ModelToolNames.of("everything.get-sum"));
  }

  @Test
  void itSeesTheCredentialItNamesAndNoOtherSecret() {
    ToolResult env = agent.call("everything.get-env", "{}");
    assertThat(env.content()).contains("EVERYTHING_TOKEN").doesNotContain("OTHER_SECRET").doesNotContain("must-not-leak");
  }
}
