package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never enter history: a worker holds credentials shaped like real ones (a mounted secret
 * ending in a newline, one ending in CR/LF, one with CR/LF inside, one used in a {@code ${NAME}}
 * header), an agent calls HTTP tools with them against a server that quotes the headers back, and
 * then the history, the export, the transcript, every process's log and the blob directory are
 * searched for the values: zero hits.
 */
class SecretScanE2ETest {

  private static final String MOUNTED = "e2e-mounted-5c1f0a";
  private static final String CRLF = "e2e-crlf-9d2b11";
  private static final String SPLIT_HEAD = "e2e-split-head-3e7a";
  private static final String SPLIT_TAIL = "e2e-split-tail-8b4c";
  private static final String HEADER = "e2e-header-6a0d42";
  private static final List<String> SECRETS = List.of(MOUNTED, CRLF, SPLIT_HEAD, SPLIT_TAIL, HEADER);

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();
  private final List<String> outputs = new ArrayList<>();
  private Map<String, String> env;
  private String address;

  @AfterEach
  void stopAll() {
    processes.close();
  }

  @Test
  void noCredentialValueReachesHistoryExportLogsOrBlobs() throws Exception {
    Path blobs = dir.resolve("blobs");
    // A low threshold sends tool results and model requests to the blob store, so it is searched too.
    env = Map.of("STEWARD_BLOB_DIR", blobs.toString(), "STEWARD_PAYLOAD_THRESHOLD_BYTES", "600");
    Map<String, String> workerEnv = new LinkedHashMap<>(env);
    workerEnv.put("MOUNTED_TOKEN", MOUNTED + "\n");
    workerEnv.put("CRLF_TOKEN", CRLF + "\r\n");
    workerEnv.put("SPLIT_TOKEN", SPLIT_HEAD + "\r\n" + SPLIT_TAIL);
    workerEnv.put("HEADER_KEY", HEADER + "\n");

    try (EchoingHttpServer api = new EchoingHttpServer()) {
      address = processes.startServer("secrets-server");
      JvmProcess worker = processes.start("secrets-worker", workerEnv, "worker", "--address", address);

      Path file = dir.resolve("leaky.yaml");
      Files.writeString(file, agentFile(api.url("/v1/lookup")));
      assertThat(cli("start", file.toString(), "--id", "leaky").exitCode()).isZero();
      CliRun asked = cli("ask", "leaky", "check every service");
      assertThat(asked.exitCode()).as(asked.toString()).isZero();

      // The tools did run: the trimmed values were sent, the one with CR/LF inside never was.
      assertThat(String.join("", api.received()))
          .contains("Authorization: Bearer " + MOUNTED + "\n")
          .contains("Authorization: Bearer " + CRLF + "\n")
          .contains("X-api-key: " + HEADER + "\n")
          .doesNotContain(SPLIT_HEAD);
      CliRun transcript = cli("transcript", "leaky", "--json");
      assertThat(transcript.out()).as("the echoes were redacted, not lost").contains("[redacted: MOUNTED_TOKEN]")
          .contains("SPLIT_TOKEN");

      Path exported = dir.resolve("leaky-export.json");
      assertThat(cli("export", "leaky", "--out", exported.toString()).exitCode()).isZero();
      cli("stop", "leaky");

      Map<String, String> searched = new LinkedHashMap<>();
      searched.put("history", history("leaky"));
      searched.put("export", Files.readString(exported));
      searched.put("CLI output", String.join("\n", outputs));
      searched.put("worker log", worker.output());
      searched.put("server log", processes.server().output());
      try (Stream<Path> files = Files.walk(blobs)) {
        List<Path> blobFiles = files.filter(Files::isRegularFile).toList();
        assertThat(blobFiles).as("blobs written").isNotEmpty();
        for (Path blob : blobFiles) {
          searched.put("blob " + blob.getFileName(), new String(Files.readAllBytes(blob), StandardCharsets.ISO_8859_1));
        }
      }
      searched.forEach((where, text) -> assertThat(text).as(where).doesNotContain(SECRETS));
    }
  }

  /** The raw history as JSON and as protobuf text (payloads readable in the latter). */
  private String history(String id) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    try {
      WorkflowExecutionHistory history = WorkflowClient.newInstance(stubs).fetchHistory(id);
      return history.toJson(true) + "\n" + history.getHistory();
    } finally {
      stubs.shutdown();
    }
  }

  private static String agentFile(String url) {
    return """
        name: leaky
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: mounted, arguments: {}}]
                - tool_calls: [{tool: crlf, arguments: {}}]
                - tool_calls: [{tool: split, arguments: {}}]
                - tool_calls: [{tool: keyed, arguments: {}}]
                - reply: "last: {{last_tool_result}}"
        http_tools:
          - {name: mounted, url: "%1$s", credential: MOUNTED_TOKEN, allow_private: true}
          - {name: crlf, url: "%1$s", credential: CRLF_TOKEN, allow_private: true}
          - {name: split, url: "%1$s", credential: SPLIT_TOKEN, allow_private: true}
          - {name: keyed, url: "%1$s", headers: {X-Api-Key: "${HEADER_KEY}"}, allow_private: true}
        tools: [mounted, crlf, split, keyed]
        """.formatted(url);
  }

  /** The CLI in a JVM of its own that shares the worker's blob store. */
  private CliRun cli(String... args) throws Exception {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    CliRun run = JvmProcess.run("secrets-cli-" + args[0], env, withAddress);
    outputs.add(run.out());
    return run;
  }
}
