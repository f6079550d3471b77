package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays committed histories against today's workflow code: a change that alters the command
 * sequence of an existing agent without a {@code Workflow.getVersion} guard fails here. The
 * replayer keeps no workflow cache, so every event is re-executed.
 *
 * <p>To record a new history after a guarded change: {@code ./mvnw -pl workflows test
 * -Dtest=ReplayTest -Dsteward.recordHistories=true}, then commit the file it writes.
 */
class ReplayTest {

  private static final String[] HISTORIES = {"agent-v1-approval-sleep-tools.json"};

  @Test
  void committedHistoriesReplayWithoutNonDeterminism() throws Exception {
    for (String name : HISTORIES) {
      WorkflowReplayer.replayWorkflowExecution(resource(name), AgentWorkflowImpl.class);
    }
  }

  @Test
  void aChangedCommandSequenceIsCaught() throws Exception {
    String history = resource(HISTORIES[0]);
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, ChangedAgent.class))
        .hasStackTraceContaining("NonDeterministic");
  }

  /** The agent as an unguarded change might leave it: one extra timer before anything else. */
  public static class ChangedAgent extends AgentWorkflowImpl {
    @WorkflowInit
    public ChangedAgent(AgentInput input) {
      super(input);
    }

    @Override
    public AgentResult run(AgentInput input) {
      Workflow.sleep(Duration.ofSeconds(1));
      return super.run(input);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "steward.recordHistories", matches = "true")
  void recordHistory() throws IOException {
    ToolCall fetch = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org\"}");
    ToolCall time = new ToolCall("c2", "current_time", "{}");
    ToolCall nap = new ToolCall("c3", "sleep", "{\"duration\":\"2h\"}");
    FakeModel model = new FakeModel(r -> r.turn() > 1 ? FakeModel.reply("again: ok") : switch (r.step()) {
      case 1 -> new ModelResponse("", List.of(fetch, time), new TokenUsage(10, 5));
      case 2 -> new ModelResponse("", List.of(nap), new TokenUsage(10, 5));
      default -> FakeModel.reply("done: " + FakeModel.toolResults(r));
    });
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("replay-agent", spec(Limits.DEFAULTS, new ApprovalPolicy(List.of("http_get"), 600),
          InboxPolicy.QUEUE, "http_get", "current_time", "sleep"));
      CompletableFuture<TurnOutcome> first = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("look it up")));
      await().until(() -> !agent.snapshot().pendingApprovals().isEmpty());
      agent.decide(new Decision("c1", true, null, "ada"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING || first.isDone());
      kit.env.sleep(Duration.ofHours(2).plusMinutes(1));
      assertThat(first.join().completed()).isTrue();
      agent.send(UserMessage.of("and again"));
      await().until(() -> agent.snapshot().turn() == 2 && agent.snapshot().status() == AgentStatus.IDLE);
      agent.stop("recorded");
      kit.untyped("replay-agent").getResult(AgentResult.class);
      String json = kit.client.fetchHistory("replay-agent").toJson(true);
      Files.writeString(Path.of("src/test/resources/histories", HISTORIES[0]), json);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + name)) {
      assertThat(in).as("committed history " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
