package dev.steward.workflows.agent;

import static dev.steward.workflows.agent.AgentTestKit.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A turn's time limit bounds the waits inside its tools: a person's answer, a sleep. */
class TurnTimeLimitTest {

  private static final Limits ONE_MINUTE = new Limits(10, 0, 0, 60);

  @Test
  void anUnansweredQuestionEndsAtTheTurnsTimeLimit() {
    ToolCall ask = new ToolCall("q1", "ask_human", "{\"question\":\"Which city?\",\"default_answer\":\"Paris\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(ask), FakeTools.named())) {
      AgentWorkflow agent = kit.start("limit-ask", spec(ONE_MINUTE, ApprovalPolicy.NONE, InboxPolicy.QUEUE, "ask_human"));
      agent.send(UserMessage.of("plan a trip"));
      await().until(() -> !agent.snapshot().pendingQuestions().isEmpty());

      kit.env.sleep(Duration.ofMinutes(2));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      TurnOutcome out = agent.snapshot().lastOutcome();
      assertThat(out.status()).isEqualTo(TurnOutcome.Status.LIMIT_REACHED);
      assertThat(out.error()).contains("time limit");
      assertThat(agent.snapshot().pendingQuestions()).isEmpty();
      assertThat(toolResults(agent)).containsExactly("no answer: the turn ended before anyone answered");
    }
  }

  @Test
  void aLongSleepIsCutAtTheTurnsTimeLimit() {
    ToolCall nap = new ToolCall("s1", "sleep", "{\"duration\":\"1h\"}");
    try (AgentTestKit kit = new AgentTestKit(FakeModel.callingTools(nap), FakeTools.named())) {
      AgentWorkflow agent = kit.start("limit-sleep", spec(ONE_MINUTE, ApprovalPolicy.NONE, InboxPolicy.QUEUE, "sleep"));
      agent.send(UserMessage.of("rest"));
      await().until(() -> agent.snapshot().status() == AgentStatus.SLEEPING);

      kit.env.sleep(Duration.ofMinutes(2));

      await().until(() -> agent.snapshot().lastOutcome() != null);
      assertThat(agent.snapshot().lastOutcome().status()).isEqualTo(TurnOutcome.Status.LIMIT_REACHED);
      assertThat(toolResults(agent)).singleElement().asString().contains("the turn's time limit was reached");
    }
  }

  private static List<String> toolResults(AgentWorkflow agent) {
    return agent.transcript(1, 100).entries().stream().filter(e -> e.kind() == TranscriptEntry.Kind.TOOL_RESULT)
        .map(TranscriptEntry::text).toList();
  }
}
