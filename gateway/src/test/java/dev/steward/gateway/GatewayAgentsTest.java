package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.AgentSummary;
import dev.steward.client.Agents;
import dev.steward.client.RejectedException;
import dev.steward.client.StewardUnavailableException;
import dev.steward.gateway.client.GatewayAgents;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GatewayAgents} reads and does through the gateway what {@code AgentClient} does straight on
 * Temporal: the same records back, the same exceptions for the same failures.
 */
class GatewayAgentsTest {

  static GatewayTestKit kit;
  static Agents acme;
  static Agents globex;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = GatewayAgents.connect(kit.target(), GatewayTestKit.ACME_KEY, false);
    globex = GatewayAgents.connect(kit.target(), GatewayTestKit.GLOBEX_KEY, false);
  }

  @AfterAll
  static void stop() {
    acme.close();
    globex.close();
    kit.close();
  }

  @Test
  void startAskAndReadBackAsRecords() throws Exception {
    Path file = file("echo.yaml", GatewayEndToEndTest.ECHO);
    assertThat(acme.start("ga-echo", file)).isEqualTo("ga-echo");
    assertThat(acme.start("ga-echo", file)).as("same id and spec: the running agent").isEqualTo("ga-echo");

    TurnOutcome outcome = acme.ask("ga-echo", UserMessage.of("hello"), Duration.ofSeconds(30));
    assertThat(outcome.completed()).isTrue();
    assertThat(outcome.reply()).contains("hello");
    acme.ask("ga-echo", UserMessage.of("again"), Duration.ofSeconds(30));

    AgentSnapshot snapshot = acme.snapshot("ga-echo");
    assertThat(snapshot.agentId()).isEqualTo("ga-echo");
    assertThat(snapshot.tenant()).isEqualTo("acme");
    assertThat(snapshot.status()).isEqualTo(AgentStatus.IDLE);
    assertThat(snapshot.turn()).isEqualTo(2);
    assertThat(snapshot.spec().name()).isEqualTo("echo");
    assertThat(snapshot.spec().model().label()).isEqualTo("scripted");
    assertThat(snapshot.lastOutcome().reply()).contains("again");
    assertThat(snapshot.usage().turns()).isEqualTo(2);

    // Paging from a seq, as `steward transcript --from` does: every entry once, in order.
    List<TranscriptEntry> all = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      TranscriptPage page = acme.transcript("ga-echo", next, 1);
      all.addAll(page.entries());
      next = page.nextSeq();
    }
    assertThat(all).extracting(TranscriptEntry::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(all.get(0).kind()).isEqualTo(TranscriptEntry.Kind.USER);
    assertThat(acme.transcript("ga-echo", 3, 10).entries()).extracting(TranscriptEntry::seq).containsExactly(3L, 4L);

    EventPage events = acme.events("ga-echo", 0);
    assertThat(events.events()).extracting(AgentEvent::type).contains(AgentEvent.Type.REPLY);
    EventPage fromNow = acme.events("ga-echo", Long.MAX_VALUE);
    assertThat(fromNow.events()).isEmpty();
    assertThat(fromNow.lastSeq()).isEqualTo(events.lastSeq());
    long middle = events.events().get(2).seq();
    assertThat(acme.events("ga-echo", middle).events()).first().extracting(AgentEvent::seq).isEqualTo(middle + 1);

    assertThat(acme.list("echo", null)).extracting(AgentSummary::agentId).contains("ga-echo");
    assertThat(globex.list(null, null)).extracting(AgentSummary::agentId).doesNotContain("ga-echo");
  }

  @Test
  void approvalsDecideOnceThenReject() throws Exception {
    acme.start("ga-clerk", Path.of("src/test/resources/agents/clerk.yaml"));
    acme.send("ga-clerk", UserMessage.of("what time is it?"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !acme.snapshot("ga-clerk").pendingApprovals().isEmpty());
    PendingApproval pending = acme.snapshot("ga-clerk").pendingApprovals().get(0);
    assertThat(pending.tool()).isEqualTo("current_time");
    assertThat(pending.decision()).isNull();

    PendingApproval decided = acme.decide("ga-clerk", new Decision(pending.callId(), true, "fine", "test"));
    assertThat(decided.decision().approved()).isTrue();
    assertThat(decided.decision().decidedBy()).isEqualTo("test");
    assertThatThrownBy(() -> acme.decide("ga-clerk", new Decision(pending.callId(), false, null, "test")))
        .isInstanceOf(RejectedException.class);
    acme.stop("ga-clerk", "done");
  }

  @Test
  void failuresAreTheClientsExceptions() throws Exception {
    Path echo = file("echo2.yaml", GatewayEndToEndTest.ECHO);
    Path other = file("other.yaml", "name: other\nmodel: {provider: scripted}\n");
    acme.start("ga-taken", echo);

    assertThatThrownBy(() -> acme.snapshot("ga-never-was")).isInstanceOf(AgentNotFoundException.class)
        .hasMessage("agent 'ga-never-was' not found");
    assertThatThrownBy(() -> globex.snapshot("ga-taken")).isInstanceOf(AgentNotFoundException.class)
        .hasMessage("agent 'ga-taken' not found");
    assertThatThrownBy(() -> acme.start("ga-taken", other)).isInstanceOf(AgentAlreadyExistsException.class);
    assertThatThrownBy(() -> globex.start("ga-taken", echo)).isInstanceOf(AgentAlreadyExistsException.class)
        .hasMessage("agent id 'ga-taken' is not available; choose another id");

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (Agents nobody = GatewayAgents.connect("127.0.0.1:" + closedPort, null, false)) {
      assertThatThrownBy(() -> nobody.snapshot("x")).isInstanceOf(StewardUnavailableException.class)
          .hasMessageContaining("no Steward gateway answers at 127.0.0.1:" + closedPort);
    }
  }

  @Test
  void startAndUpdateSpecSendTheFileWithTheFilesBesideIt() throws Exception {
    Path team = Files.createDirectories(dir.resolve("team"));
    Files.writeString(team.resolve("helper.yaml"), """
        name: helper
        model: {provider: scripted, script: [{steps: [{reply: "helped with {{input}}"}]}]}
        """);
    Path boss = team.resolve("boss.yaml");
    Files.writeString(boss, """
        name: boss
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: agent:helper, arguments: {task: "{{input}}"}}]
                - reply: "boss says: {{last_tool_result}}"
        tools: [agent:helper]
        """);

    assertThat(acme.start("ga-boss", boss)).isEqualTo("ga-boss");
    assertThat(acme.start("ga-boss", boss)).as("same file, same spec: the running agent").isEqualTo("ga-boss");
    assertThat(acme.ask("ga-boss", UserMessage.of("the report"), Duration.ofSeconds(60)).reply())
        .contains("boss says:", "helped with the report");

    Files.writeString(team.resolve("helper.yaml"), """
        name: helper
        model: {provider: scripted, script: [{steps: [{reply: "helped again with {{input}}"}]}]}
        """);
    acme.updateSpec("ga-boss", boss);
    assertThat(acme.ask("ga-boss", UserMessage.of("the summary"), Duration.ofSeconds(60)).reply())
        .contains("helped again with the summary");
    acme.stop("ga-boss", null);
  }

  @Test
  void aSpecTheGatewayRefusesIsAProblemOfTheFile() throws Exception {
    Path shell = file("shell.yaml", """
        name: shell
        model: {provider: scripted}
        mcp_servers:
          - {name: fs, command: [sh, -c, "exit 0"]}
        tools: [fs.*]
        """);

    assertThatThrownBy(() -> acme.start("ga-shell", shell))
        .isInstanceOf(dev.steward.client.spec.AgentFileException.class)
        .hasMessageContaining(shell + ": mcp_servers[0].command: stdio MCP servers are not accepted over the gateway")
        .hasMessageContaining("(the gateway at " + kit.target() + ")");
    assertThatThrownBy(() -> acme.snapshot("ga-shell")).isInstanceOf(AgentNotFoundException.class);
  }

  @Test
  void cachedInputTokensCrossTheGatewayInUsageAndLastTurn() throws Exception {
    Path file = file("cacher.yaml", """
        name: cacher
        model:
          provider: scripted
          parameters: {cached_tokens: 1}
        """);
    acme.start("ga-cacher", file);

    TurnOutcome outcome = acme.ask("ga-cacher", UserMessage.of("hello"), Duration.ofSeconds(30));
    AgentSnapshot snapshot = acme.snapshot("ga-cacher");

    // One scripted call reporting one cached prompt token: the outcome, last turn and sum agree.
    assertThat(outcome.usage().cachedInputTokens()).isEqualTo(1);
    assertThat(snapshot.lastTurnUsage().cachedInputTokens()).isEqualTo(1);
    assertThat(snapshot.usage().tokens().cachedInputTokens()).isEqualTo(1);
  }

  private static Path file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
