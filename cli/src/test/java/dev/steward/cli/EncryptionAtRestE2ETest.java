package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest with real processes: a Temporal server JVM, worker JVMs and CLI JVMs that all
 * have STEWARD_ENCRYPTION_KEYS. A marker that the user sends, the model repeats and a large tool
 * result carries is nowhere in the raw history (read straight from the service over gRPC, without
 * Steward's converter) nor in any blob; after a key rotation (a new key first in the list) the old
 * turns are still read, and new payloads carry the new key's id.
 */
class EncryptionAtRestE2ETest {

  private static final String MARKER = "marker-0b5e7c1d-secret";

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();
  private CountingHttpServer http;
  private String address;
  private final String keyA = key();
  private final String keyB = key();

  @BeforeEach
  void startServer() throws Exception {
    http = new CountingHttpServer();
    address = processes.startServer("crypt-server");
  }

  @AfterEach
  void stopAll() {
    processes.close();
    if (http != null) {
      http.close();
    }
  }

  @Test
  void noPlaintextInHistoryOrBlobsAndOldAgentsReadAfterRotation() throws Exception {
    String id = "encrypted";
    Path agentFile = dir.resolve("encrypted.yaml");
    Files.writeString(agentFile, """
        name: encrypted
        model:
          provider: scripted
          script:
            - match: fetch
              steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "fetched it"
        tools:
          - name: http_get
            allow_private: true
            max_bytes: 1000000
        """.formatted(http.url("/big/" + MARKER)));

    // 1. Two turns with key a: the marker in a message, in the model's reply, and in a large tool result.
    JvmProcess worker = processes.start("crypt-worker-a", keys("a:" + keyA), "worker", "--address", address);
    assertThat(cli(keys("a:" + keyA), "start", agentFile.toString(), "--id", id).exitCode()).isZero();
    CliRun first = cli(keys("a:" + keyA), "ask", id, "please remember " + MARKER);
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("echo: please remember " + MARKER);
    CliRun fetched = cli(keys("a:" + keyA), "ask", id, "fetch the page");
    assertThat(fetched.exitCode()).as(fetched.toString()).isZero();

    // 2. Nothing readable where Temporal and the blob store keep them.
    List<HistoryEvent> events = rawHistory(id);
    assertThat(events).isNotEmpty();
    for (HistoryEvent e : events) {
      assertThat(e.toByteString().toString(StandardCharsets.ISO_8859_1)).as(e.getEventType().name())
          .doesNotContain(MARKER).doesNotContain("please remember");
    }
    assertThat(events.toString()).contains("encryption-key-id");
    List<Path> blobs = blobFiles();
    assertThat(blobs).as("the large tool result went to the blob store").isNotEmpty();
    for (Path blob : blobs) {
      assertThat(new String(Files.readAllBytes(blob), StandardCharsets.ISO_8859_1)).as(blob.toString())
          .doesNotContain(MARKER).doesNotContain("xxxxxxxx");
    }

    // 3. Rotation: key b first, a kept. A new worker replays the old turns and answers with b.
    worker.close();
    processes.start("crypt-worker-ab", keys("b:" + keyB + ",a:" + keyA), "worker", "--address", address);
    CliRun later = cli(keys("b:" + keyB + ",a:" + keyA), "ask", id, "still there?");
    assertThat(later.exitCode()).as(later.toString()).isZero();
    CliRun transcript = cli(keys("b:" + keyB + ",a:" + keyA), "transcript", id, "--json");
    assertThat(transcript.exitCode()).as(transcript.toString()).isZero();
    assertThat(transcript.out()).contains("please remember " + MARKER).contains("end of /big/" + MARKER)
        .contains("echo: still there?");
    assertThat(rawHistory(id).toString()).contains("encryption-key-id").contains("\"b\"");

    // 4. A process without the keys reads nothing, and says which key it lacks.
    CliRun keyless = JvmProcess.run("crypt-cli-keyless", Map.of("STEWARD_BLOB_DIR", dir.resolve("blobs").toString(),
        "STEWARD_HOME", dir.resolve("home").toString()), "transcript", id, "--address", address);
    assertThat(keyless.exitCode()).isNotZero();
    assertThat(keyless.out()).contains("encrypted (key 'b')").contains("STEWARD_ENCRYPTION_KEYS");
  }

  private List<HistoryEvent> rawHistory(String id) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      List<HistoryEvent> events = new ArrayList<>();
      com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
      do {
        GetWorkflowExecutionHistoryResponse page = stubs.blockingStub().getWorkflowExecutionHistory(
            GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).setNextPageToken(token).build());
        events.addAll(page.getHistory().getEventsList());
        token = page.getNextPageToken();
      } while (!token.isEmpty());
      return events;
    } finally {
      stubs.shutdownNow();
    }
  }

  private List<Path> blobFiles() throws Exception {
    Path blobs = dir.resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(blobs)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Every process of this test shares a blob directory and has these keys. */
  private Map<String, String> keys(String keys) {
    Map<String, String> env = new HashMap<>();
    env.put("STEWARD_ENCRYPTION_KEYS", keys);
    env.put("STEWARD_BLOB_DIR", dir.resolve("blobs").toString());
    env.put("STEWARD_HOME", dir.resolve("home").toString());
    return env;
  }

  private CliRun cli(Map<String, String> env, String... args) throws Exception {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    return JvmProcess.run("crypt-cli-" + args[0], env, withAddress);
  }

  private static String key() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
