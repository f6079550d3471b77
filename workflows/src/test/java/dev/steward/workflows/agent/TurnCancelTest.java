package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The {@code cancelTurn} update: a running turn, a queued message, a turn that is over; the agent lives on. */
class TurnCancelTest {

  /** Runs as an activity, so the test can hold it in flight (current_time runs locally). */
  private static final ToolCall SLOW = new ToolCall("c1", "http_get", "{\"url\":\"https://example.org/slow\"}");

  @Test
  void cancelsTheRunningTurnAndAQueuedMessageAndLeavesAFinishedTurnAlone() {
    CountDownLatch release = new CountDownLatch(1);
    FakeTools tools = new FakeTools(i -> {
      await().until(() -> release.getCount() == 0);
      return ToolResult.ok("slow ok");
    });
    FakeModel model = new FakeModel(r -> FakeModel.lastUser(r).equals("first") && r.step() == 1
        ? new ModelResponse("", List.of(SLOW), TokenUsage.ZERO)
        : FakeModel.reply("re: " + FakeModel.lastUser(r)));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow agent = kit.start("a-cancel-turn", spec("http_get"));
      CompletableFuture<TurnOutcome> first =
          CompletableFuture.supplyAsync(() -> agent.ask(new UserMessage("m1", "first", null, null)));
      await().until(() -> tools.calls.size() == 1);
      CompletableFuture<TurnOutcome> second =
          CompletableFuture.supplyAsync(() -> agent.ask(new UserMessage("m2", "second", null, null)));
      await().until(() -> agent.snapshot().inbox().size() == 1);

      // Queued: it leaves the inbox and its asker is answered; no turn runs for it.
      assertThat(agent.cancelTurn(new TurnCancel("m2", "ada"))).isEqualTo(TurnCancel.Result.QUEUED);
      assertThat(second.join().status()).isEqualTo(TurnOutcome.Status.INTERRUPTED);
      assertThat(second.join().error()).isEqualTo("cancelled by ada");
      assertThat(agent.snapshot().inbox()).isEmpty();

      // Running: the turn ends at the next step boundary, once the slow tool returns.
      assertThat(agent.cancelTurn(new TurnCancel("m1", "ada"))).isEqualTo(TurnCancel.Result.RUNNING);
      release.countDown();
      assertThat(first.join().status()).isEqualTo(TurnOutcome.Status.INTERRUPTED);
      assertThat(first.join().error()).isEqualTo("cancelled by ada");

      // The agent lives on and takes the next message; "second" never had a turn.
      TurnOutcome third = agent.ask(new UserMessage("m3", "third", null, null));
      assertThat(third.reply()).isEqualTo("re: third");
      assertThat(third.turn()).isEqualTo(2);
      assertThat(model.requests).noneMatch(r -> FakeModel.lastUser(r).equals("second"));

      // Over: nothing changes.
      assertThat(agent.cancelTurn(new TurnCancel("m1", null))).isEqualTo(TurnCancel.Result.OVER);
      assertThat(agent.snapshot().status()).isEqualTo(AgentStatus.IDLE);
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text)
          .contains("slow ok", "first", "second", "not answered: cancelled by ada before its turn", "re: third");

      assertThatThrownBy(() -> agent.cancelTurn(new TurnCancel(" ", "ada")))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("messageId is required");
    }
  }
}
