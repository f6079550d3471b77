package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent's whole life on a real Temporal server (the {@code temporal} CLI's dev server: SQLite,
 * full visibility), through the CLI as a person would use it, with a worker in this JVM on a task
 * queue of its own: start, ask, approve, stop; continue-as-new; sub-agents as child workflows;
 * {@code steward list} answered by visibility queries on Steward's search attributes.
 */
@RealTemporal.Required
class RealServerAgentsE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String address;
  private static String queue;
  private static StewardWorker worker;
  private static AgentClient client;
  private static CountingHttpServer http;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    address = RealTemporal.address();
    queue = RealTemporal.unique("steward-it");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(address).withTaskQueue(queue)).start();
    client = AgentClient.connect(new ClientSettings(address, "default", queue));
    http = new CountingHttpServer();
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    if (client != null) {
      client.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void startAskApproveStop() throws Exception {
    String id = RealTemporal.unique("careful");
    Path file = agentFile("careful", """
        tools: [{name: http_get, allow_private: true}]
        approval: {tools: [http_get]}
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "fetched: {{last_tool_result}}"
        """.formatted(http.url("/page")));
    CliRun started = cli("start", file.toString(), "--id", id);
    assertThat(started.exitCode()).as(started.toString()).isZero();
    assertThat(cli("send", id, "fetch the page").exitCode()).isZero();

    await().atMost(Duration.ofSeconds(60)).until(() -> pending(id).size() == 1);
    String callId = pending(id).get(0).path("callId").asText();
    CliRun approved = cli("approve", id, callId);
    assertThat(approved.exitCode()).as(approved.toString()).isZero();

    await().atMost(Duration.ofSeconds(60)).until(() -> cli("transcript", id).out().contains("fetched: "));
    assertThat(http.requests("/page")).hasSize(1);

    CliRun asked = cli("ask", id, "again", "--approve-all");
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(asked.out()).contains("fetched: ");
    assertThat(http.requests("/page")).hasSize(2);

    CliRun stopped = cli("stop", id, "--reason", "done");
    assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.snapshot(id).status() == AgentStatus.STOPPED);
  }

  @Test
  void continuesAsNewWithNothingLost() {
    String id = RealTemporal.unique("long-lived");
    AgentSpec spec = new AgentSpec("long-lived", "", new ModelSpec("scripted", "echo", null, null, null, null, null,
        null, List.of()), List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE);
    // A small history budget, so the agent continues as new every few turns.
    AgentInput input = new AgentInput(spec, AgentInput.DEFAULT_TENANT, 25, null);
    WorkflowClient.start(client.workflowClient().newWorkflowStub(AgentWorkflow.class, startOptions(id, spec))::run,
        input);
    for (int i = 1; i <= 8; i++) {
      client.send(id, new UserMessage("m" + i, "message " + i, "ada"));
    }

    await().atMost(Duration.ofSeconds(120)).until(() -> client.snapshot(id).turn() == 8
        && client.snapshot(id).status() == AgentStatus.IDLE);
    assertThat(client.snapshot(id).runs()).isGreaterThan(1);
    assertThat(client.transcript(id, 1, 100).entries()).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER)
        .extracting(TranscriptEntry::text)
        .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6", "message 7",
            "message 8");
    // The server really holds several runs of this one workflow id.
    try (Stream<?> runs = client.workflowClient().listExecutions("WorkflowId = '" + id + "'")) {
      assertThat(runs.count()).isGreaterThan(1);
    }
    client.stop(id, "done");
  }

  @Test
  void subAgentsRunAsChildWorkflows() throws Exception {
    Path examples = Path.of("..", "examples", "agents");
    String id = RealTemporal.unique("editor");
    CliRun started = cli("start", examples.resolve("editor.yaml").toString(), "--id", id);
    assertThat(started.exitCode()).as(started.toString()).isZero();

    CliRun asked = cli("ask", id, "durable execution");
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(asked.out()).startsWith("Done. The writer's draft:");

    List<String> children = new ArrayList<>();
    client.workflowClient().listExecutions("ParentWorkflowId = '" + id + "'")
        .forEach(e -> children.add(e.getExecution().getWorkflowId()));
    assertThat(children).hasSize(2);
    cli("stop", id);
  }

  @Test
  void listFiltersThroughVisibilityQueries() throws Exception {
    String name = RealTemporal.unique("listed").replace('-', '_');
    Path file = agentFile(name, "model: {provider: scripted, script: [{steps: [{reply: \"ok\"}]}]}\n");
    String first = name + "-a";
    String second = name + "-b";
    assertThat(cli("start", file.toString(), "--id", first).exitCode()).isZero();
    assertThat(cli("start", file.toString(), "--id", second).exitCode()).isZero();
    assertThat(cli("stop", second).exitCode()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.snapshot(second).status() == AgentStatus.STOPPED);

    // Visibility is eventually consistent: the list catches up within a moment.
    await().atMost(Duration.ofSeconds(30)).until(() -> ids("list", "--name", name).equals(List.of(second, first)));
    await().atMost(Duration.ofSeconds(30)).until(() -> ids("list", "--name", name, "--status", "IDLE")
        .equals(List.of(first)));
    await().atMost(Duration.ofSeconds(30)).until(() -> ids("list", "--name", name, "--status", "STOPPED")
        .equals(List.of(second)));
    // The same filter, as any Temporal client or the Web UI would write it.
    String query = "StewardAgentName = '" + name + "' AND StewardStatus = 'IDLE'";
    try (Stream<?> found = client.workflowClient().listExecutions(query)) {
      assertThat(found.count()).isEqualTo(1);
    }
    cli("stop", first);
  }

  private static WorkflowOptions startOptions(String id, AgentSpec spec) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(queue)
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(SearchAttributeNames.AGENT_NAME, spec.name())
            .set(SearchAttributeNames.STATUS, AgentStatus.IDLE.name())
            .set(SearchAttributeNames.TENANT, AgentInput.DEFAULT_TENANT)
            .build())
        .build();
  }

  private static List<String> ids(String... args) throws Exception {
    CliRun run = cli(append(args, "--json"));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> ids = new ArrayList<>();
    JSON.readTree(run.out()).forEach(a -> ids.add(a.path("agentId").asText()));
    return ids;
  }

  private static JsonNode pending(String id) throws Exception {
    return JSON.readTree(cli("show", id, "--json").out()).path("pendingApprovals");
  }

  private static Path agentFile(String name, String rest) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\n" + rest);
    return file;
  }

  /** The CLI against the real server and this test's task queue. */
  private static CliRun cli(String... args) {
    return CliRun.of(append(args, "--address", address, "--task-queue", queue));
  }

  private static String[] append(String[] args, String... more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
