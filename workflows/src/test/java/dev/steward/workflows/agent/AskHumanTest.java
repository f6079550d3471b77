package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ToolCall;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AskHumanTest {

  @Test
  void theAgentWaitsDurablyForAPersonsAnswer() {
    ToolCall ask = new ToolCall("q1", "ask_human", "{\"question\":\"Which city?\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(ask), FakeTools.named())) {
      AgentWorkflow agent = kit.start("h-answer", spec("ask_human"));
      CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(() -> agent.ask(UserMessage.of("plan a trip")));
      await().until(() -> agent.snapshot().status() == AgentStatus.WAITING_FOR_ANSWER);
      assertThat(agent.snapshot().pendingQuestions()).singleElement().extracting(PendingQuestion::question)
          .isEqualTo("Which city?");
      kit.env.sleep(Duration.ofDays(3));

      agent.answer(new Answer("q1", "Lisbon", "ada"));

      assertThat(reply.join().reply()).isEqualTo("done: Lisbon");
      assertThatThrownBy(() -> agent.answer(new Answer("q1", "Porto", "ada")))
          .isInstanceOf(WorkflowUpdateException.class).hasStackTraceContaining("already answered");
    }
  }

  @Test
  void aTimeoutTooLargeToWaitForIsAToolErrorAndTheAgentGoesOn() {
    ToolCall ask = new ToolCall("q1", "ask_human", "{\"question\":\"Proceed?\",\"timeout_seconds\":100000000000000000}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(ask), FakeTools.named())) {
      AgentWorkflow agent = kit.start("h-huge", spec("ask_human"));

      TurnOutcome out = agent.ask(UserMessage.of("go"));

      assertThat(out.completed()).isTrue();
      assertThat(out.reply()).contains("timeout_seconds must be from 1 to 31622400");
      assertThat(agent.ask(UserMessage.of("still there?")).completed()).isTrue();
    }
  }

  @Test
  void withATimeoutTheDefaultAnswerIsTaken() {
    ToolCall ask = new ToolCall("q1", "ask_human",
        "{\"question\":\"Proceed?\",\"timeout_seconds\":3600,\"default_answer\":\"no\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(ask), FakeTools.named())) {
      AgentWorkflow agent = kit.start("h-default", spec("ask_human"));
      agent.send(UserMessage.of("go"));
      await().until(() -> !agent.snapshot().pendingQuestions().isEmpty());

      kit.env.sleep(Duration.ofHours(2));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      assertThat(agent.snapshot().lastOutcome().reply()).isEqualTo("done: no");
    }
  }
}
