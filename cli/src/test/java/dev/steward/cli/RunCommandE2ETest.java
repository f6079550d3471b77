package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code steward run}: the README's first command, with and without a server, through the real CLI. */
class RunCommandE2ETest {

  private static final Path EXAMPLE = Path.of("..", "examples", "agents", "research-assistant.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedTemporal server;
  private static CountingHttpServer http;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = EmbeddedTemporal.startOnFreePort();
    SearchAttributes.register(server.address(), "default");
    http = new CountingHttpServer();
  }

  @AfterAll
  static void stopServer() {
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theExampleRunsWithNoServerAndNoKey() {
    String nobody = "localhost:" + EmbeddedTemporal.freePort();
    CliRun run = CliRun.of("run", EXAMPLE.toString(), "What does durable execution mean?", "--deny-all",
        "--address", nobody);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("no Temporal server answers at " + nobody, "embedded");
    // Progress on stderr as it happens: the clock, the durable sleep, the denied fetch.
    assertThat(run.err()).contains("current_time", "sleeping", "denied http_get");
    assertThat(run.out()).contains("Research notes on \"What does durable execution mean?\"", "denied");
  }

  @Test
  void aPersonAtTheTerminalApproves() throws Exception {
    Path file = agentFile("approver", """
        tools: [{name: http_get, allow_private: true}]
        approval: {tools: [http_get]}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "got {{last_tool_result}}"
        """.formatted(http.url("/approved")));
    CliRun run = CliRun.interactive("y\n", "run", file.toString(), "fetch it", "--address", server.address());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("approve? [y/N]", "approved http_get");
    assertThat(run.out()).contains("got ", "page /approved");
    assertThat(http.requests("/approved")).hasSize(1);
  }

  @Test
  void withoutATerminalApprovalsAreDeniedAndSaidSo() throws Exception {
    Path file = agentFile("denier", """
        tools: [{name: http_get, allow_private: true}]
        approval: {tools: [http_get]}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "result: {{last_tool_result}}"
        """.formatted(http.url("/denied")));
    CliRun run = CliRun.of("run", file.toString(), "fetch it", "--address", server.address());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("no terminal to ask", "--approve-all");
    assertThat(run.out()).contains("result: ", "denied");
    assertThat(http.requests("/denied")).isEmpty();
  }

  @Test
  void jsonOutputCarriesTheOutcomeAndTheAgentIsStoppedAfterwards() throws Exception {
    Path file = agentFile("jsonish", """
        model: {provider: scripted, script: [{steps: [{reply: "hello {{input}}"}]}]}
        """);
    CliRun run = CliRun.of("run", file.toString(), "world", "--json", "--id", "json-run", "--address", server.address());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode result = JSON.readTree(run.out());
    assertThat(result.path("agentId").asText()).isEqualTo("json-run");
    assertThat(result.path("outcome").path("status").asText()).isEqualTo("COMPLETED");
    assertThat(result.path("outcome").path("reply").asText()).isEqualTo("hello world");
    CliRun list = CliRun.of("list", "--name", "jsonish", "--json", "--address", server.address());
    assertThat(list.exitCode()).as(list.toString()).isZero();
    JsonNode agent = JSON.readTree(list.out()).get(0);
    assertThat(agent.path("agentId").asText()).isEqualTo("json-run");
    assertThat(agent.path("status").asText()).as("run waits for its agent to end").isEqualTo("STOPPED");
  }

  @Test
  void aTurnThatDoesNotCompleteExitsOneWithTheReason() throws Exception {
    Path file = agentFile("limited", """
        tools: [current_time]
        limits: {max_steps_per_turn: 1}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: current_time}]
                - reply: never reached
        """);
    CliRun run = CliRun.of("run", file.toString(), "go", "--address", server.address());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("steward: turn 1 ended LIMIT_REACHED");
  }

  private Path agentFile(String name, String body) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\n" + body);
    return file;
  }
}
