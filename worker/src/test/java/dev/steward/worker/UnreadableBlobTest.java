package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.steward.payloads.BlobStore;
import dev.steward.payloads.LocalDirectoryBlobStore;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob that history refers to but that cannot be read (here: lost from the store right after it
 * was written) never leaves the agent stuck: the turn ends, and what the agent and the person see
 * names the blob and the store.
 */
class UnreadableBlobTest {

  @TempDir Path blobs;

  @Test
  void aLostBlobEndsTheTurnWithAMessageNamingTheBlobAndTheStore() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = "0123456789abcdef".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
    server.createContext("/big", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    BlobStore forgetful = new Forgetful(new LocalDirectoryBlobStore(blobs), blobs);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(StewardDataConverter.create(forgetful, 64 * 1024)).build())
        .build());
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue("unreadable-blobs");
    try (StewardWorker worker = StewardWorker.create(env.getWorkflowClient(), settings).start()) {
      AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("unreadable").setTaskQueue(settings.taskQueue()).build());
      WorkflowClient.start(agent::run, AgentInput.of(spec("http://127.0.0.1:" + server.getAddress().getPort() + "/big")));

      TurnOutcome outcome = agent.ask(UserMessage.of("fetch the big file"));

      String seen = outcome.status() + " " + outcome.reply() + " " + outcome.error();
      assertThat(seen).as(outcome.toString()).contains("cannot read blob").contains(blobs.toString())
          .contains("STEWARD_BLOBS");
      // The agent lives on and takes the next message.
      assertThat(agent.snapshot().status().name()).isNotEqualTo("FAILED");
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
    ToolSpec httpGet = new ToolSpec("http_get", Map.of("allow_private", true, "max_bytes", 1024 * 1024));
    return new AgentSpec("unreadable", "", model, List.of(httpGet), null, null, null);
  }

  /** A real directory store that loses every blob as soon as it is written, as a wiped volume would. */
  private record Forgetful(BlobStore store, Path dir) implements BlobStore {
    @Override
    public void put(String key, byte[] bytes) throws IOException {
      store.put(key, bytes);
      Files.delete(dir.resolve(key.substring(0, 2)).resolve(key));
    }

    @Override
    public byte[] get(String key) throws IOException {
      return store.get(key);
    }

    @Override
    public String describe() {
      return store.describe();
    }

    @Override
    public void list(Visitor visitor) throws IOException {
      store.list(visitor);
    }

    @Override
    public boolean deleteIfWrittenBefore(String key, java.time.Instant cutoff) throws IOException {
      return store.deleteIfWrittenBefore(key, cutoff);
    }
  }
}
