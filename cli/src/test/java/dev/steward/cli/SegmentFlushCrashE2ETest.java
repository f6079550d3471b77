package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes: a worker JVM is killed with SIGKILL while the agent moves old transcript entries
 * into a segment (the blob store is made unwritable first, so the write is retried and the flush is
 * surely in progress). A new worker finishes it, and the transcript read through the CLI, segments
 * and all, is complete.
 */
class SegmentFlushCrashE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILLER = " and some more words to make the message long".repeat(6);

  @TempDir Path dir;

  private final List<JvmProcess> processes = new ArrayList<>();
  private String address;
  private Path blobs;
  private WorkflowServiceStubs service;

  @BeforeEach
  void startServer() throws Exception {
    int port = EmbeddedTemporal.freePort();
    address = "localhost:" + port;
    JvmProcess server = started(JvmProcess.start("segments-server", "server", "--port", String.valueOf(port)));
    await("Temporal server in " + server).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> Probe.reachable(address, Duration.ofSeconds(1)));
    service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    blobs = dir.resolve("blobs");
  }

  @AfterEach
  void stopAll() {
    if (service != null) {
      service.shutdownNow();
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  @Test
  void aWorkerKilledDuringAFlushLeavesTheTranscriptComplete() throws Exception {
    Path agentFile = dir.resolve("segments.yaml");
    Files.writeString(agentFile, """
        name: segments
        model: {provider: scripted}
        memory:
          context_tokens: 256
          segment_entries: 2
        """);
    // A file where the blob directory should be: every segment write fails and is retried.
    Files.writeString(blobs, "not a directory");
    String id = "segments-crash";
    JvmProcess worker1 = started(JvmProcess.start("segments-worker-1", env(), "worker", "--address", address));
    assertThat(cli("start", agentFile.toString(), "--id", id).exitCode()).isZero();
    int messages = 6;
    for (int i = 1; i <= messages; i++) {
      assertThat(cli("send", id, "message " + i + FILLER).exitCode()).isZero();
    }
    await("a segment write retried").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> pending(id).stream().anyMatch(a -> a.getActivityType().getName().equals("WriteTranscriptSegment")
            && a.getAttempt() >= 2));

    worker1.kill();
    assertThat(worker1.isAlive()).isFalse();
    Files.delete(blobs);
    Files.createDirectories(blobs);
    started(JvmProcess.start("segments-worker-2", env(), "worker", "--address", address));
    assertThat(cli("send", id, "one more after the crash" + FILLER).exitCode()).isZero();

    await("every turn done and segments written").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          CliRun show = cli("show", id, "--json");
          if (show.exitCode() != 0) {
            return false;
          }
          JsonNode s = JSON.readTree(json(show.out(), '{'));
          return s.path("turn").asInt() == messages + 1 && s.path("status").asText().equals("IDLE")
              && s.path("inbox").isEmpty() && pending(id).isEmpty();
        });
    try (var files = Files.walk(blobs)) {
      assertThat(files.filter(Files::isRegularFile).count()).as("segments in the blob store").isPositive();
    }

    CliRun transcript = cli("transcript", id, "--json");
    assertThat(transcript.exitCode()).as(transcript.toString()).isZero();
    List<JsonNode> entries = StreamSupport.stream(JSON.readTree(json(transcript.out(), '[')).spliterator(), false).toList();
    assertThat(entries).extracting(e -> e.path("seq").asLong())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, entries.size()).boxed().toList());
    List<String> users = entries.stream().filter(e -> e.path("kind").asText().equals("USER"))
        .map(e -> e.path("text").asText().split(" and ")[0]).toList();
    assertThat(users).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6",
        "one more after the crash");
    assertThat(entries.stream().filter(e -> e.path("kind").asText().equals("ASSISTANT")).count())
        .as("one reply per message").isEqualTo(messages + 1);
  }

  private Map<String, String> env() {
    return Map.of("STEWARD_BLOB_DIR", blobs.toString(), "STEWARD_BLOBS", "");
  }

  private List<PendingActivityInfo> pending(String id) {
    return service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
        .setNamespace("default").setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build())
        .getPendingActivitiesList();
  }

  /** Runs the CLI in its own JVM with the workers' blob store, as a person on that machine would. */
  private CliRun cli(String... args) throws Exception {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    return JvmProcess.run("segments-cli", env(), withAddress);
  }

  /** The JSON in a process's output, from its first {@code open} character (logs may come first). */
  private static String json(String out, char open) {
    int at = out.indexOf(open);
    return at < 0 ? out : out.substring(at);
  }

  private JvmProcess started(JvmProcess process) {
    processes.add(process);
    return process;
  }
}
