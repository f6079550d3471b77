package dev.steward.workflows.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The committed histories under {@code src/test/resources/histories}: every file there is replayed,
 * so a new history cannot be left out of the suite by forgetting a list.
 */
final class Histories {

  static final String DIR = "src/test/resources/histories";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Histories() {}

  /** Name to JSON text of every committed history, sorted by name (oldest version first). */
  static Map<String, String> all() {
    URL dir = Histories.class.getResource("/histories");
    if (dir == null) {
      throw new IllegalStateException("no histories on the test classpath");
    }
    Map<String, String> histories = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        histories.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return histories;
  }

  /**
   * One history ready to replay under the workflow id it ran with: a sub-agent's id is derived from
   * its parent's ({@code <agent>/<name>/<call id>}), so replaying under the replayer's placeholder
   * id would tell a false non-determinism. The id is read back from the first sub-agent start.
   */
  static WorkflowExecutionHistory parse(String historyJson) {
    try {
      for (JsonNode event : JSON.readTree(historyJson).path("events")) {
        String child = event.path("startChildWorkflowExecutionInitiatedEventAttributes").path("workflowId").asText("");
        int call = child.lastIndexOf('/');
        int name = call > 0 ? child.lastIndexOf('/', call - 1) : -1;
        if (name > 0) {
          return WorkflowExecutionHistory.fromJson(historyJson, child.substring(0, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return WorkflowExecutionHistory.fromJson(historyJson);
  }

  /**
   * Replays committed histories with one workflow class on one replay worker. Its deadlock detector
   * waits a minute, not the SDK's default second: on a loaded build machine the first replay in a
   * fresh class loader can take longer than a second to reach its first wait, and that is not a
   * deadlock.
   */
  static final class Replayer implements AutoCloseable {

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final Worker worker;

    Replayer(Class<?> workflowClass) {
      worker = env.newWorker("replay", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(workflowClass);
    }

    void replay(String historyJson) throws Exception {
      WorkflowReplayer.replayWorkflowExecution(parse(historyJson), worker);
    }

    @Override
    public void close() {
      env.close();
    }
  }

  /**
   * The epoch a history's run took: its newest epoch marker's, or else the one its input names
   * ({@link AgentInput#changeEpoch}); 0 for none.
   */
  static int epoch(String historyJson) {
    Set<String> ids = changeIds(historyJson);
    for (int epoch = Versions.newest(); epoch >= 1; epoch--) {
      if (ids.contains(Versions.epochId(epoch))) {
        return epoch;
      }
    }
    try {
      JsonNode input = JSON.readTree(historyJson).path("events").path(0)
          .path("workflowExecutionStartedEventAttributes").path("input").path("payloads").path(0).path("data");
      String text = new String(Base64.getDecoder().decode(input.asText()), StandardCharsets.UTF_8);
      return JSON.readTree(text).path("changeEpoch").asInt(0);
    } catch (IOException | IllegalArgumentException e) {
      return 0;
    }
  }

  /** The change ids of the version markers in one history. */
  static Set<String> changeIds(String historyJson) {
    Set<String> ids = new TreeSet<>();
    try {
      for (JsonNode event : JSON.readTree(historyJson).path("events")) {
        JsonNode marker = event.path("markerRecordedEventAttributes");
        if (!"Version".equals(marker.path("markerName").asText())) {
          continue;
        }
        for (JsonNode payload : marker.path("details").path("changeId").path("payloads")) {
          // The payload is the id as a JSON string, base64 encoded: "\"temporal-schedules\"".
          String text = new String(Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8);
          ids.add(JSON.readValue(text, String.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }
}
