package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.payloads.StewardDataConverter;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers for real: a real Temporal server, three worker JVMs sharing one blob directory,
 * six agents spread over them. The worker that runs one of the turns' tool calls is killed with
 * SIGKILL mid-call; every turn completes on the others, the messages sent meanwhile are all
 * answered, no tool call that had completed runs again, and the large tool results one worker wrote
 * to the blob store are read by the others and by the CLI in a process of its own.
 */
@RealTemporal.Required
class RealServerWorkersE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int AGENTS = 6;

  @TempDir Path dir;

  private final List<JvmProcess> workers = new ArrayList<>();
  private CountingHttpServer http;

  @AfterEach
  void stopAll() {
    workers.forEach(JvmProcess::close);
    if (http != null) {
      http.close();
    }
  }

  @Test
  void agentsOnThreeWorkersSurviveOneBeingKilled() throws Exception {
    http = new CountingHttpServer();
    String address = RealTemporal.address();
    String queue = RealTemporal.unique("steward-workers");
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    Map<String, String> env = Map.of(StewardDataConverter.BLOB_DIR_VARIABLE, blobs.toString());
    for (int i = 1; i <= 3; i++) {
      workers.add(JvmProcess.start("real-worker-" + i, env, "worker", "--address", address, "--task-queue", queue));
    }
    List<String> ids = IntStream.rangeClosed(1, AGENTS).mapToObj(i -> RealTemporal.unique("crew" + i)).toList();

    try (AgentClient client = AgentClient.connect(new ClientSettings(address, "default", queue))) {
      // 1. Every agent fetches a large page, then a slow one that hangs until released.
      for (String id : ids) {
        client.start(id, dev.steward.client.spec.AgentFiles.load(agentFile(id)));
        client.send(id, dev.steward.workflows.agent.UserMessage.of("fetch for " + id));
      }
      await("every slow call in flight").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> ids.stream().allMatch(id -> !http.requests("/slow/" + id).isEmpty()));

      // 2. Kill the worker that runs one of those calls; then send every agent another message.
      JvmProcess victim = workerRunningAToolCall(client, ids);
      victim.kill();
      for (String id : ids) {
        client.send(id, dev.steward.workflows.agent.UserMessage.of("and then say hello"));
      }
      http.releaseSlow();

      // 3. Every agent finishes both turns on the surviving workers.
      await("both turns of every agent").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
          .until(() -> ids.stream().allMatch(id -> client.snapshot(id).turn() == 2
              && client.snapshot(id).status() == dev.steward.workflows.agent.AgentStatus.IDLE
              && client.snapshot(id).inbox().isEmpty()));
      assertThat(workersThatRanActivities(client, ids)).as("agents spread over the workers").hasSizeGreaterThan(1);

      for (String id : ids) {
        // A completed call never runs twice; the one cut off by the kill is retried with its key.
        assertThat(http.requests("/big/" + id)).as("large page of " + id).hasSize(1);
        assertThat(http.requests("/slow/" + id)).extracting(CountingHttpServer.Request::idempotencyKey)
            .doesNotContainNull().containsOnly(http.requests("/slow/" + id).get(0).idempotencyKey());

        // The CLI, a process of its own, reads the large results from the shared blob store.
        CliRun transcript = JvmProcess.run("real-cli-" + id, env, "transcript", id, "--json", "--address", address,
            "--task-queue", queue);
        assertThat(transcript.exitCode()).as(transcript.toString()).isZero();
        List<JsonNode> entries = StreamSupport.stream(JSON.readTree(jsonPart(transcript.out())).spliterator(), false)
            .toList();
        assertThat(texts(entries, "USER")).containsExactly("fetch for " + id, "and then say hello");
        // A boolean, so that a failure does not print 200 kB.
        assertThat(texts(entries, "TOOL_RESULT").stream().anyMatch(t -> t.contains("end of /big/" + id)))
            .as("the large page in the transcript of " + id).isTrue();
        List<String> replies = texts(entries, "ASSISTANT").stream().filter(t -> !t.isBlank()).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0)).startsWith("fetched: ").contains("page /slow/" + id);
        assertThat(replies.get(1)).isEqualTo("echo: and then say hello");
        client.stop(id, "done");
      }
      try (var stored = Files.list(blobs)) {
        assertThat(stored.count()).as("payloads kept in the shared blob store").isPositive();
      }
    }
  }

  /** The worker JVM that last started a pending tool call of one of the agents. */
  private JvmProcess workerRunningAToolCall(AgentClient client, List<String> ids) {
    return await("a worker known to run a tool call").atMost(Duration.ofSeconds(60))
        .until(() -> ids.stream().map(id -> pendingActivityWorker(client, id)).flatMap(Optional::stream)
            .findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  private Optional<JvmProcess> pendingActivityWorker(AgentClient client, String id) {
    var described = client.workflowClient().getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build());
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      // The SDK's default identity is <pid>@<host>.
      String identity = activity.getLastWorkerIdentity();
      Optional<JvmProcess> worker = workers.stream().filter(w -> identity.startsWith(w.pid() + "@")).findFirst();
      if (worker.isPresent()) {
        return worker;
      }
    }
    return Optional.empty();
  }

  private static Set<String> workersThatRanActivities(AgentClient client, List<String> ids) {
    Set<String> identities = new HashSet<>();
    for (String id : ids) {
      for (HistoryEvent e : client.workflowClient().fetchHistory(id).getHistory().getEventsList()) {
        if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          identities.add(e.getActivityTaskStartedEventAttributes().getIdentity());
        }
      }
    }
    return identities;
  }

  private Path agentFile(String id) throws Exception {
    // timeout_seconds: 5 gives a tool call a 15 s start-to-close timeout: how long Temporal waits
    // before it retries a call whose worker died.
    String yaml = """
        name: crew
        model:
          provider: scripted
          script:
            - match: fetch
              steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "fetched: {{last_tool_result}}"
        tools:
          - name: http_get
            allow_private: true
            max_bytes: 1000000
            timeout_seconds: 5
        """.formatted(http.url("/big/" + id), http.url("/slow/" + id));
    Path file = dir.resolve(id + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** The JSON document in a process's output, past any log lines before it. */
  private static String jsonPart(String output) {
    return output.substring(output.indexOf('['));
  }

  private static List<String> texts(List<JsonNode> entries, String kind) {
    return entries.stream().filter(e -> e.path("kind").asText().equals(kind)).map(e -> e.path("text").asText())
        .toList();
  }
}
