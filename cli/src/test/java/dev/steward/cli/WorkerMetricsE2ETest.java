package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Prometheus scrapes from a real {@code steward worker} process after an agent's turn with a
 * tool call: the Temporal SDK's series and Steward's, with their labels.
 */
class WorkerMetricsE2ETest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();

  @AfterEach
  void stopAll() {
    processes.close();
  }

  @Test
  void aWorkerServesTheSdksAndStewardsSeriesAfterATurnWithAToolCall() throws Exception {
    String address = processes.startServer("metrics-server");
    int metricsPort = EmbeddedTemporal.freePort();
    JvmProcess worker = processes.start("metrics-worker", "worker", "--address", address,
        "--metrics-port", String.valueOf(metricsPort));
    URI metrics = URI.create("http://localhost:" + metricsPort + "/metrics");
    await("metrics endpoint of " + worker).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptions().until(() -> scrape(metrics).contains("steward_agents"));

    Path file = dir.resolve("clock.yaml");
    Files.writeString(file, """
        name: clock
        tools: [current_time]
        model:
          provider: scripted
          id: clockwork
          script:
            - steps:
                - tool_calls: [{tool: current_time}]
                - reply: "it is {{last_tool_result}}"
        """);
    CliRun run = CliRun.of("run", file.toString(), "what time is it?", "--no-worker", "--id", "clock-1",
        "--address", address);
    assertThat(run.exitCode()).as(run.toString()).isZero();

    // The SDK hands its values to Micrometer every few seconds; Steward's are there at once.
    await("SDK and Steward series").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> {
          String text = scrape(metrics);
          assertThat(text).contains(
              "steward_turns_total{outcome=\"completed\"} 1.0",
              "steward_tool_calls_total{outcome=\"ok\",tool=\"current_time\"} 1.0",
              "steward_model_steps_total{model=\"clockwork\",outcome=\"ok\",provider=\"scripted\"} 2.0",
              "steward_model_latency_seconds_count{model=\"clockwork\",provider=\"scripted\"} 2",
              "steward_model_tokens_total{kind=\"input\",model=\"clockwork\",provider=\"scripted\"}",
              "steward_model_cost_usd_total{model=\"clockwork\",provider=\"scripted\"} 0.0",
              "steward_tool_latency_seconds_count{tool=\"current_time\"} 1",
              "steward_agents{status=\"idle\"}",
              "steward_approvals_waiting 0.0",
              "steward_questions_waiting 0.0",
              "steward_blob_written_bytes_total");
          assertThat(text).containsPattern("temporal_workflow_completed_total\\{[^}]*workflow_type=\"Agent\"");
          assertThat(text).containsPattern(
              "temporal_activity_execution_latency_seconds_count\\{[^}]*activity_type=\"Model\"[^}]*task_queue=\"steward\"");
          // current_time runs as a local activity (docs/OPERATIONS.md).
          assertThat(text).containsPattern(
              "temporal_local_activity_execution_latency_seconds_count\\{[^}]*activity_type=\"Tool\"");
          assertThat(text).containsPattern("temporal_request_total\\{[^}]*namespace=\"default\"");
          // Every series docs/OPERATIONS.md promises is really served.
          Set<String> served = DocumentedMetrics.usedIn(text);
          Set<String> promised = new TreeSet<>(DocumentedMetrics.names());
          promised.removeAll(DocumentedMetrics.conditional());
          assertThat(served).containsAll(promised);
        });
  }

  private static String scrape(URI uri) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
