package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Stdio servers that never get through the MCP handshake: the failure is reported at once, with
 * the reason a person needs, and the server is not started again on every model step.
 */
class McpStartFailureTest {

  @TempDir
  Path dir;

  private static McpAgent agent(String name, List<String> command) {
    return new McpAgent(McpServerSpec.stdio(name, command, List.of()), List.of(name + ".*"), Map.<String, String>of()::get);
  }

  @Test
  void aServerThatExitsAtOnceFailsWithItsExitCode() {
    try (McpAgent agent = agent("quits", List.of("sh", "-c", "exit 3"))) {
      ToolResult result = agent.call("quits.anything", "{}");
      assertThat(result.error()).isTrue();
      assertThat(result.content()).contains("MCP server quits exited with code 3 during start");
    }
  }

  @Test
  void theLastLinesItWroteToStderrComeWithTheExitCode() {
    // It reads the initialize request first, as a server that then fails to read its configuration would,
    // and lingers a moment before it exits: the SDK stops reading stderr when stdout ends, so what a
    // process writes in the same instant as it exits may be lost (the tail is best-effort).
    String script = "read -r request; echo 'no configuration at /etc/broken.toml' >&2; sleep 1; exit 3";
    try (McpAgent agent = agent("broken", List.of("sh", "-c", script))) {
      ToolResult result = agent.call("broken.anything", "{}");
      assertThat(result.error()).isTrue();
      assertThat(result.content()).contains("MCP server broken exited with code 3 during start")
          .contains("no configuration at /etc/broken.toml");
    }
  }

  @Test
  void aMissingProgramIsNamed() {
    try (McpAgent agent = agent("ghost", List.of("steward-no-such-mcp-server", "--stdio"))) {
      ToolResult result = agent.call("ghost.anything", "{}");
      assertThat(result.error()).isTrue();
      assertThat(result.content()).contains("could not start MCP server ghost")
          .contains("steward-no-such-mcp-server not found");
    }
  }

  @Test
  void aBrokenServerIsNotStartedAgainOnEveryStep() throws IOException {
    Path spawns = dir.resolve("spawns");
    String script = "echo spawn >> \"$1\"; echo 'bad token' >&2; exit 4";
    Logger catalogLog = (Logger) LoggerFactory.getLogger(ToolCatalog.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    catalogLog.addAppender(logged);
    try (McpAgent agent = agent("flaky", List.of("sh", "-c", script, "sh", spawns.toString()))) {
      assertThat(agent.modelToolNames()).noneMatch(name -> name.startsWith("flaky."));
      assertThat(Files.readAllLines(spawns)).hasSize(1);

      // The next model step and a call the model makes anyway: the same reason, no new process.
      assertThat(agent.modelToolNames()).noneMatch(name -> name.startsWith("flaky."));
      ToolResult result = agent.call("flaky.anything", "{}");
      assertThat(result.error()).isTrue();
      assertThat(result.content()).contains("MCP server flaky exited with code 4 during start");
      assertThat(Files.readAllLines(spawns)).hasSize(1);
      // Said once, not on every step.
      assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
          .contains("flaky.*").contains("exited with code 4");
    } finally {
      catalogLog.detachAppender(logged);
    }
  }
}
