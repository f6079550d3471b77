package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent commands against an embedded server and an in-process worker, as a person would use them. */
class AgentCommandsE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalTemporal temporal;
  private static CountingHttpServer http;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    temporal = LocalTemporal.start();
    http = new CountingHttpServer();
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void startAskShowTranscriptStop() throws Exception {
    Path file = agentFile("greeter", "model: {provider: scripted, script: [{steps: [{reply: \"hi {{input}}\"}]}]}\n");

    CliRun started = cli("start", file.toString(), "--id", "greeter-1");
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(started.out().strip()).isEqualTo("greeter-1");
    assertThat(cli("start", file.toString(), "--id", "greeter-1").exitCode()).as("same id and spec: no-op").isZero();

    CliRun asked = cli("ask", "greeter-1", "there");
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(asked.out().strip()).isEqualTo("hi there");

    assertThat(cli("send", "greeter-1", "again").exitCode()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> cli("transcript", "greeter-1").out().contains("hi again"));

    CliRun show = cli("show", "greeter-1");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("agent:      greeter-1", "name:       greeter", "status:     IDLE",
        "approvals:  none pending", "inbox:      empty");
    JsonNode snapshot = JSON.readTree(cli("show", "greeter-1", "--json").out());
    assertThat(snapshot.path("turn").asInt()).isEqualTo(2);

    CliRun transcript = cli("transcript", "greeter-1", "--from", "2", "--limit", "1");
    assertThat(transcript.out().lines()).hasSize(1).first().asString().startsWith("#2 ").contains("hi there");

    CliRun stopped = cli("stop", "greeter-1", "--reason", "done");
    assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
  }

  @Test
  void approveAndDenyByCallId() throws Exception {
    Path file = agentFile("careful", """
        tools: [{name: http_get, allow_private: true}]
        approval: {tools: [http_get]}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls:
                    - {tool: http_get, arguments: {url: "%s"}}
                    - {tool: http_get, arguments: {url: "%s"}}
                - reply: "done: {{last_tool_result}}"
        """.formatted(http.url("/yes"), http.url("/no")));
    assertThat(cli("start", file.toString(), "--id", "careful-1").exitCode()).isZero();
    assertThat(cli("send", "careful-1", "fetch both").exitCode()).isZero();

    await().atMost(Duration.ofSeconds(30)).until(() -> pending("careful-1").size() == 2);
    JsonNode pending = pending("careful-1");
    String first = pending.get(0).path("callId").asText();
    String second = pending.get(1).path("callId").asText();
    assertThat(cli("show", "careful-1").out()).contains("2 pending", first, second, "WAITING_FOR_APPROVAL");

    CliRun approved = cli("approve", "careful-1", first);
    assertThat(approved.exitCode()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("approved http_get call " + first);
    CliRun again = cli("approve", "careful-1", first);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).startsWith("steward: agent 'careful-1' rejected the request");
    assertThat(cli("deny", "careful-1", second, "--reason", "not that one").exitCode()).isZero();

    await().atMost(Duration.ofSeconds(30)).until(() -> cli("transcript", "careful-1").out().contains("done: "));
    assertThat(http.requests("/yes")).hasSize(1);
    assertThat(http.requests("/no")).isEmpty();
    assertThat(cli("transcript", "careful-1").out()).contains("not that one");
    cli("stop", "careful-1");
  }

  @Test
  void askWithoutATerminalLeavesApprovalsToOthers() throws Exception {
    Path file = agentFile("patient", """
        tools: [{name: http_get, allow_private: true}]
        approval: {tools: [http_get]}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "got {{last_tool_result}}"
        """.formatted(http.url("/later")));
    assertThat(cli("start", file.toString(), "--id", "patient-1").exitCode()).isZero();

    // The ask runs in the background; its stderr is watched while it waits.
    StringWriter askErr = new StringWriter();
    StringWriter askOut = new StringWriter();
    CompletableFuture<Integer> ask = CompletableFuture.supplyAsync(() -> StewardCli.execute(
        new Terminal(InputStream.nullInputStream(), false), new PrintWriter(askOut, true), new PrintWriter(askErr, true),
        "ask", "patient-1", "fetch it", "--address", temporal.address()));
    await().atMost(Duration.ofSeconds(30)).until(() -> askErr.toString().contains("waits for approval"));
    String call = pending("patient-1").get(0).path("callId").asText();
    assertThat(askErr.toString()).contains("steward approve patient-1 " + call);
    assertThat(cli("approve", "patient-1", call).exitCode()).as("still pending: the ask decided nothing").isZero();

    assertThat(ask.get(60, TimeUnit.SECONDS)).as(askErr.toString()).isZero();
    assertThat(askOut.toString()).contains("got ", "page /later");
    cli("stop", "patient-1");
  }

  @Test
  void chatReadsLinesUntilQuit() throws Exception {
    Path file = agentFile("chatty", "model: {provider: scripted}\n");
    assertThat(cli("start", file.toString(), "--id", "chatty-1").exitCode()).isZero();

    CliRun chat = CliRun.withInput("hello\n\nhow are you\n/quit\nnever sent\n", "chat", "chatty-1",
        "--address", temporal.address());

    assertThat(chat.exitCode()).as(chat.toString()).isZero();
    assertThat(chat.out().lines()).containsExactly("echo: hello", "echo: how are you");
    cli("stop", "chatty-1");
  }

  @Test
  void updateSpecAppliesFromTheNextTurn() throws Exception {
    Path v1 = agentFile("versioned", "model: {provider: scripted, script: [{steps: [{reply: v1}]}]}\n");
    Path v2 = agentFile("versioned-2", "model: {provider: scripted, script: [{steps: [{reply: v2}]}]}\n");
    assertThat(cli("start", v1.toString(), "--id", "versioned-1").exitCode()).isZero();
    assertThat(cli("ask", "versioned-1", "which?").out().strip()).isEqualTo("v1");

    CliRun updated = cli("update-spec", "versioned-1", v2.toString());
    assertThat(updated.exitCode()).as(updated.toString()).isZero();

    assertThat(cli("ask", "versioned-1", "which?").out().strip()).isEqualTo("v2");
    cli("stop", "versioned-1");
  }

  @Test
  void listFindsAgentsByName() throws Exception {
    Path file = agentFile("listed", "model: {provider: scripted}\n");
    assertThat(cli("start", file.toString(), "--id", "listed-1").exitCode()).isZero();

    CliRun list = cli("list", "--name", "listed");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(list.out()).contains("ID", "NAME", "STATUS", "listed-1");
    JsonNode json = JSON.readTree(cli("list", "--name", "listed", "--json").out());
    assertThat(json.get(0).path("agentId").asText()).isEqualTo("listed-1");
    cli("stop", "listed-1");
  }

  @Test
  void unknownAgentIsOneLineAndExitOne() {
    CliRun run = cli("show", "no-such-agent");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip()).startsWith("steward: ").contains("no-such-agent").doesNotContain("\n");
  }

  private JsonNode pending(String id) throws Exception {
    return JSON.readTree(cli("show", id, "--json").out()).path("pendingApprovals");
  }

  private static CliRun cli(String... args) {
    return temporal.cli(args);
  }

  private static Path agentFile(String name, String body) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\n" + body);
    return file;
  }
}
