package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.payloads.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes on "different machines" sharing a PostgreSQL blob store: each has a STEWARD_HOME of its
 * own, so no local folder is shared. A large tool result that one worker JVM wrote is read by a
 * second worker JVM (replaying the agent) and by the CLI in a JVM of its own; a CLI without the
 * store's setting is told which blob it cannot read and where it was written.
 */
@ExtendWith(LocalPostgres.class)
class SharedBlobStoreE2ETest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();
  private CountingHttpServer http;
  private String address;

  @BeforeEach
  void startServer() throws Exception {
    http = new CountingHttpServer();
    address = processes.startServer("blobs-server");
  }

  @AfterEach
  void stopAll() {
    processes.close();
    if (http != null) {
      http.close();
    }
  }

  @Test
  void aLargeToolResultWrittenByOneWorkerIsReadByAnotherAndByTheCli() throws Exception {
    String id = "shared-blobs";
    Path agentFile = dir.resolve("shared-blobs.yaml");
    Files.writeString(agentFile, """
        name: shared-blobs
        model:
          provider: scripted
          script:
            - match: fetch
              steps:
                - tool_calls: [{tool: http_get, arguments: {url: "%s"}}]
                - reply: "fetched {{last_tool_result}}"
        tools:
          - name: http_get
            allow_private: true
            max_bytes: 1000000
        # Room for the large result: nothing is folded into a transcript segment, so step 4 meets
        # the result's own blob (a segment's error is TranscriptSegmentsClientTest's).
        memory:
          context_tokens: 2000000
        """.formatted(http.url("/big/shared")));

    // 1. Worker 1 runs the turn that fetches the large page: the result goes to PostgreSQL.
    JvmProcess worker1 = processes.start("blobs-worker-1", machine("worker-1"), "worker", "--address", address);
    assertThat(cli("start", agentFile.toString(), "--id", id).exitCode()).isZero();
    CliRun asked = cli("ask", id, "fetch the page");
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(asked.out()).contains("fetched");
    assertThat(blobRows()).isPositive();
    worker1.close();

    // 2. Worker 2, on another "machine", replays the agent (reading worker 1's blob) and goes on.
    processes.start("blobs-worker-2", machine("worker-2"), "worker", "--address", address);
    CliRun again = cli("ask", id, "hello again");
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("echo: hello again");

    // 3. The CLI in a JVM of its own reads the large result through the shared store.
    CliRun transcript = cli("transcript", id, "--json");
    assertThat(transcript.exitCode()).as(transcript.toString()).isZero();
    List<JsonNode> entries = StreamSupport.stream(JSON.readTree(transcript.out()).spliterator(), false).toList();
    assertThat(entries).filteredOn(e -> e.path("kind").asText().equals("TOOL_RESULT")).singleElement()
        .satisfies(e -> assertThat(e.path("text").asText()).hasSizeGreaterThan(CountingHttpServer.BIG_BYTES)
            .contains("end of /big/shared"));

    // 4. A CLI without the store's setting says which blob it cannot read, and where it was written.
    Map<String, String> unconfigured = Map.of("STEWARD_HOME", dir.resolve("laptop").toString());
    CliRun lost = JvmProcess.run("blobs-cli-unconfigured", unconfigured, "transcript", id, "--json", "--address", address);
    assertThat(lost.exitCode()).isNotZero();
    assertThat(lost.out()).contains("cannot read blob").contains("written to postgresql://")
        .contains(dir.resolve("laptop").toString()).contains("STEWARD_BLOBS");
  }

  /** The environment of a process on a machine of its own that shares only the blob store. */
  private Map<String, String> machine(String name) {
    return Map.of("STEWARD_HOME", dir.resolve(name).toString(), "STEWARD_BLOBS", LocalPostgres.url());
  }

  private int blobRows() throws Exception {
    var url = LocalPostgres.url().replaceFirst("^postgresql://([^@]*)@", "jdbc:postgresql://");
    String user = LocalPostgres.url().replaceFirst("^postgresql://([^@:]*).*$", "$1");
    try (Connection c = DriverManager.getConnection(url, user, null);
        ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM steward_blobs")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** The CLI in a JVM of its own, on its own "machine" that shares the blob store. */
  private CliRun cli(String... args) throws Exception {
    String[] withAddress = new String[args.length + 2];
    System.arraycopy(args, 0, withAddress, 0, args.length);
    withAddress[args.length] = "--address";
    withAddress[args.length + 1] = address;
    return JvmProcess.run("blobs-cli-" + args[0], machine("cli"), withAddress);
  }
}
