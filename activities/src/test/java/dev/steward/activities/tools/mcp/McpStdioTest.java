package dev.steward.activities.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MCP over stdio against {@link TestMcpServer} running as its own JVM, started by the worker's pool. */
class McpStdioTest {

  private static McpAgent agent;

  @BeforeAll
  static void start() {
    agent = agent("t");
  }

  private static McpAgent agent(String name) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    McpServerSpec server = McpServerSpec.stdio(name, List.of(java, "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
        "-cp", System.getProperty("java.class.path"), TestMcpServer.class.getName()), List.of("TEST_TOKEN"));
    Map<String, String> env = Map.of("TEST_TOKEN", "t0ken", "OTHER_SECRET", "must-not-leak");
    return new McpAgent(server, List.of(name + ".*"), env::get);
  }

  @AfterAll
  static void stop() {
    agent.close();
  }

  @Test
  void theModelSeesEveryToolOfTheServerWithItsSchema() {
    assertThat(agent.modelToolNames()).contains("t.echo", "t.fail", "t.crash", "t.env", "t.grow");
    assertThat(agent.definitions().stream().filter(d -> d.name().equals("t.echo")).findFirst().orElseThrow()
        .parametersSchema()).contains("\"required\":[\"text\"]");
  }

  @Test
  void aCallReturnsTheServersTextAndCarriesTheIdempotencyKey() {
    ToolResult result = agent.call("t.echo", "{\"text\":\"hi\"}");
    assertThat(result.error()).isFalse();
    assertThat(result.content()).startsWith("echo:hi key:agent-1/call-");
  }

  @Test
  void argumentsAreCheckedAgainstTheServersSchemaBeforeTheCall() {
    ToolResult result = agent.call("t.echo", "{}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("invalid arguments for " + ModelToolNames.of("t.echo")).contains("text");
  }

  @Test
  void anIsErrorResultIsAToolError() {
    ToolResult result = agent.call("t.fail", "{}");
    assertThat(result).isEqualTo(ToolResult.error("broken on purpose"));
  }

  @Test
  void theServerGetsOnlyTheBasicVariablesAndTheCredentialsItNames() {
    ToolResult result = agent.call("t.env", "{}");
    assertThat(List.of(result.content().split(","))).contains("PATH", "TEST_TOKEN").doesNotContain("OTHER_SECRET")
        .allMatch(name -> name.equals("TEST_TOKEN") || McpTransports.BASE_ENVIRONMENT.contains(name));
  }

  @Test
  void aServerThatCrashesMidCallIsAToolErrorAndIsStartedAgainOnTheNextCall() {
    ToolResult crashed = agent.call("t.crash", "{}");
    assertThat(crashed.error()).isTrue();
    assertThat(crashed.content()).contains("MCP server t").contains("started again");

    ToolResult after = agent.call("t.echo", "{\"text\":\"again\"}");
    assertThat(after.error()).isFalse();
    assertThat(after.content()).startsWith("echo:again");
  }

  @Test
  void aToolAddedByTheServerBecomesVisibleAfterItsListChangedNotification() {
    assertThat(agent.modelToolNames()).doesNotContain("t.late");
    assertThat(agent.call("t.grow", "{}").content()).isEqualTo("grown");
    // The notification arrives on its own after the call's result; wait for it a little.
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.modelToolNames().contains("t.late"));
    assertThat(agent.call("t.late", "{}")).isEqualTo(ToolResult.ok("late tool ran"));
  }


  @Test
  void closingTheWorkersToolsStopsTheServerBeforeItReturns() {
    McpAgent own = agent("own");
    ToolResult pid = own.call("own.pid", "{}");
    assertThat(pid.error()).isFalse();
    ProcessHandle server = ProcessHandle.of(Long.parseLong(pid.content().trim())).orElseThrow();
    assertThat(server.isAlive()).isTrue();

    // A worker that shuts down right after this must not leave the process behind.
    own.close();
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void anUnknownToolOfTheServerNamesTheOnesItHas() {
    ToolResult result = agent.call("t.nope", "{}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("has no tool 'nope'").contains("echo");
  }
}
