package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of a durable agent, with real processes: a Temporal server JVM, a worker JVM that is
 * killed with SIGKILL in the middle of a tool call, and the CLI. Messages sent while no worker runs
 * are all processed once a new worker starts, the turn that was cut off completes, and the tool call
 * that had completed before the kill is not run again.
 */
class WorkerCrashE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();
  private CountingHttpServer http;
  private String address;

  @BeforeEach
  void startServer() throws Exception {
    http = new CountingHttpServer();
    address = processes.startServer("server");
  }

  @AfterEach
  void stopAll() {
    processes.close();
    if (http != null) {
      http.close();
    }
  }

  @Test
  void anAgentSurvivesItsWorkerBeingKilledMidToolCall() throws Exception {
    Path agentFile = writeAgentFile();
    String id = "crash-test";
    JvmProcess worker1 = processes.start("worker-1", "worker", "--address", address);

    // 1. Start the agent and give it a task whose second tool call hangs.
    assertThat(cli("start", agentFile.toString(), "--id", id).exitCode()).isZero();
    CliRun sent = cli("send", id, "please fetch both pages");
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    await("the slow call in flight").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> !http.requests("/slow").isEmpty());
    assertThat(http.requests("/fast")).hasSize(1);

    // 2. Kill the worker mid-call; the agent still takes messages.
    worker1.kill();
    assertThat(worker1.isAlive()).isFalse();
    assertThat(cli("send", id, "first message while no worker runs").exitCode()).isZero();
    assertThat(cli("send", id, "second message while no worker runs").exitCode()).isZero();
    http.releaseSlow(); // The first attempt's handler answers a worker that is gone.

    // 3. A new worker picks everything up.
    processes.start("worker-2", "worker", "--address", address);
    await("all three turns done").atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          CliRun show = cli("show", id, "--json");
          if (show.exitCode() != 0) {
            return false;
          }
          JsonNode s = JSON.readTree(show.out());
          return s.path("turn").asInt() == 3 && s.path("status").asText().equals("IDLE")
              && s.path("inbox").isEmpty();
        });

    // Every accepted message is in the transcript, each with its reply.
    CliRun transcript = cli("transcript", id, "--json");
    assertThat(transcript.exitCode()).as(transcript.toString()).isZero();
    List<JsonNode> entries = StreamSupport.stream(JSON.readTree(transcript.out()).spliterator(), false).toList();
    assertThat(texts(entries, "USER")).containsExactly(
        "please fetch both pages", "first message while no worker runs", "second message while no worker runs");
    List<String> replies = texts(entries, "ASSISTANT").stream().filter(t -> !t.isBlank()).toList();
    assertThat(replies).as("replies").hasSize(3);
    assertThat(replies.get(0)).startsWith("fetched: ").contains("page /slow");
    assertThat(replies.subList(1, 3)).containsExactly(
        "echo: first message while no worker runs", "echo: second message while no worker runs");

    // The call that completed before the kill ran once; the one cut off was retried with the same key.
    assertThat(http.requests("/fast")).hasSize(1);
    List<CountingHttpServer.Request> slow = http.requests("/slow");
    assertThat(slow).hasSizeGreaterThanOrEqualTo(2);
    assertThat(slow).extracting(CountingHttpServer.Request::idempotencyKey).containsOnly(slow.get(0).idempotencyKey())
        .doesNotContainNull();
    assertThat(slow.get(0).idempotencyKey()).isNotEqualTo(http.requests("/fast").get(0).idempotencyKey());
    assertThat(entries.stream().filter(e -> e.path("kind").asText().equals("TOOL_RESULT")).count())
        .as("one result per tool call").isEqualTo(2);
  }

  private List<String> texts(List<JsonNode> entries, String kind) {
    return entries.stream().filter(e -> e.path("kind").asText().equals(kind)).map(e -> e.path("text").asText()).toList();
  }

  private CliRun cli(String... args) {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    return CliRun.of(withAddress);
  }

  private Path writeAgentFile() throws Exception {
    // timeout_seconds: 5 gives the tool activity a 15 s start-to-close timeout: the time Temporal
    // waits before it retries a call whose worker died.
    String yaml = """
        name: crash-test
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
            timeout_seconds: 5
        """.formatted(http.url("/fast"), http.url("/slow"));
    Path file = dir.resolve("crash-test.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
