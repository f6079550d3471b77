package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Six turns; each remembers "fact N" in memory and replies "reply N". */
class ForkAndRewindTest {

  private static final FakeModel MODEL = new FakeModel(r -> r.step() == 1
      ? new ModelResponse("", List.of(new ToolCall("m" + r.turn(), "memory_append",
          "{\"block\":\"facts\",\"text\":\"fact " + r.turn() + "\"}")), TokenUsage.ZERO)
      : FakeModel.reply("reply " + r.turn() + " after " + FakeModel.lastUser(r)));

  @Test
  void aForkAtTurnThreeStartsWhereTheOriginalWasThenAndLeavesTheOriginalAlone() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow original = sixTurns(kit, "original");

      AgentCheckpoint at3 = original.checkpoint(3);
      AgentWorkflow fork = kit.start("fork", new AgentInput(at3.spec(), at3.tenant(), 0, at3.state()));
      TurnOutcome next = fork.ask(UserMessage.of("and now?"));

      assertThat(next.turn()).isEqualTo(4);
      assertThat(fork.snapshot().memory()).singleElement().extracting(MemoryBlock::text)
          .isEqualTo("fact 1\nfact 2\nfact 3\nfact 4");
      assertThat(userTexts(fork)).containsExactly("message 1", "message 2", "message 3", "and now?");
      assertThat(original.snapshot().turn()).isEqualTo(6);
      assertThat(userTexts(original)).hasSize(6);
    }
  }

  @Test
  void aRewindToTurnTwoKeepsLaterTurnsAsAbandonedAndTheModelForgetsThem() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      AgentWorkflow agent = sixTurns(kit, "rewinder");

      assertThat(agent.rewind(2)).isEqualTo(2);
      assertThat(agent.snapshot().memory()).singleElement().extracting(MemoryBlock::text).isEqualTo("fact 1\nfact 2");
      agent.ask(UserMessage.of("again"));

      List<TranscriptEntry> t = agent.transcript(1, 500).entries();
      assertThat(t).filteredOn(TranscriptEntry::abandoned).extracting(TranscriptEntry::turn).containsOnly(3, 4, 5, 6);
      assertThat(t).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER && !e.abandoned())
          .extracting(TranscriptEntry::text).containsExactly("message 1", "message 2", "again");
      var seen = MODEL.requests.get(MODEL.requests.size() - 1).messages();
      assertThat(seen).extracting(m -> m.text()).doesNotContain("message 3", "message 6").contains("message 2", "again");
      assertThatThrownBy(() -> agent.rewind(9)).isInstanceOf(WorkflowUpdateException.class)
          .hasStackTraceContaining("can rewind to a turn from 0 to 6");
    }
  }

  private static AgentWorkflow sixTurns(AgentTestKit kit, String id) {
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, null, null);
    MemorySpec memory = new MemorySpec(List.of(new MemorySpec.MemoryBlockSpec("facts", "", 500, "")), 0, null, null);
    AgentSpec spec = new AgentSpec("forker", "", model, List.of(), Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE,
        List.of(), memory);
    AgentWorkflow agent = kit.start(id, spec);
    for (int i = 1; i <= 6; i++) {
      agent.ask(UserMessage.of("message " + i));
    }
    return agent;
  }

  private static List<String> userTexts(AgentWorkflow agent) {
    return agent.transcript(1, 500).entries().stream().filter(e -> e.kind() == TranscriptEntry.Kind.USER)
        .map(TranscriptEntry::text).toList();
  }
}
