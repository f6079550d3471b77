package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's reply streams to a client in another process: the worker runs in its own JVM, this
 * test reads the partial reply over gRPC while the model activity is still running, and the
 * pieces never enter the workflow's history.
 */
class StreamingAcrossProcessesE2ETest {

  @TempDir Path dir;

  private final ProcessGroup processes = new ProcessGroup();

  @AfterEach
  void stopAll() {
    processes.close();
  }

  @Test
  void aClientInAnotherProcessSeesTheReplyGrowWhileTheModelRuns() throws Exception {
    String address = processes.startServer("server");
    processes.start("worker", "worker", "--address", address);
    // The scripted model sends its reply in three pieces, 1.5 s apart.
    Path file = dir.resolve("streamer.yaml");
    Files.writeString(file, """
        name: streamer
        model:
          provider: scripted
          parameters: {chunk_pause_ms: 1500}
          script: [{steps: [{reply: "one two three four five six seven eight nine ten eleven twelve"}]}]
        """);
    assertThat(CliRun.of("start", file.toString(), "--id", "streamer", "--address", address).exitCode()).isZero();

    try (AgentClient client = AgentClient.connect(new ClientSettings(address, "default", "steward"))) {
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(
          () -> client.ask("streamer", UserMessage.of("count"), Duration.ofMinutes(2)));
      Set<String> seen = new LinkedHashSet<>();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
        client.partialReply("streamer").filter(p -> !p.isEmpty()).ifPresent(seen::add);
        return reply.isDone();
      });

      String full = reply.join().reply();
      assertThat(seen).as("partial replies seen while the model ran").isNotEmpty()
          .allSatisfy(p -> assertThat(full).startsWith(p))
          .anySatisfy(p -> assertThat(p.length()).isLessThan(full.length()));
      List<HistoryEvent> history = client.workflowClient().fetchHistory("streamer").getEvents();
      List<String> types = history.stream().filter(e -> e.toString().contains("one two three"))
          .map(e -> e.getEventType().name()).toList();
      // The script (in the spec, at start; the model call's input names the spec by hash), the result,
      // the update's answer: once each, however many pieces streamed.
      assertThat(types).as("events that carry the reply").containsExactly("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED",
          "EVENT_TYPE_ACTIVITY_TASK_COMPLETED", "EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED");
    }
  }
}
