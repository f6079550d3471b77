package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.steward.payloads.LocalDirectoryBlobStore;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tool that returns 5 MB works end to end, and no history event holds more than the threshold. */
class LargePayloadTest {

  private static final int THRESHOLD = StewardDataConverter.DEFAULT_THRESHOLD_BYTES;
  private static final int FIVE_MB = 5 * 1024 * 1024;

  @TempDir Path blobs;

  @Test
  void aFiveMegabyteToolResultTravelsByReference() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = "0123456789abcdef".repeat(FIVE_MB / 16).getBytes(StandardCharsets.US_ASCII);
    server.createContext("/big", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(StewardDataConverter.create(new LocalDirectoryBlobStore(blobs), THRESHOLD)).build())
        .build());
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue("large-payloads");
    try (StewardWorker worker = StewardWorker.create(env.getWorkflowClient(), settings).start()) {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/big";
      AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("large").setTaskQueue(settings.taskQueue()).build());
      WorkflowClient.start(agent::run, AgentInput.of(spec(url)));

      TurnOutcome outcome = agent.ask(UserMessage.of("fetch the big file"));

      assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
      TranscriptEntry result = agent.transcript(1, 100).entries().stream()
          .filter(e -> e.kind() == TranscriptEntry.Kind.TOOL_RESULT).findFirst().orElseThrow();
      assertThat(result.error()).isFalse();
      assertThat(result.text().length()).isGreaterThan(FIVE_MB);
      for (HistoryEvent event : env.getWorkflowClient().fetchHistory("large").getEvents()) {
        assertThat(event.getSerializedSize()).as(event.getEventType().name()).isLessThan(THRESHOLD);
      }
      agent.stop("done");
    } finally {
      env.close();
      server.stop(0);
    }
  }

  private static AgentSpec spec(String url) {
    ScriptedTurn turn = new ScriptedTurn(null, List.of(
        new ScriptedStep(null, List.of(new ScriptedStep.ScriptedToolCall("http_get", Map.of("url", url)))),
        new ScriptedStep("fetched: {{last_tool_result}}", List.of())));
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of(), List.of(turn));
    ToolSpec httpGet = new ToolSpec("http_get", Map.of("allow_private", true, "max_bytes", 6 * 1024 * 1024,
        "timeout_seconds", 60));
    return new AgentSpec("large", "", model, List.of(httpGet), null, null, null);
  }
}
