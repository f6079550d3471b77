package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentMessagesTest {

  /** "asker" asks or messages the agent named in the person's message; "expert" answers everything. */
  private static final FakeModel MODEL = new FakeModel(r -> {
    if (r.model().id().equals("expert")) {
      return FakeModel.reply("expert says: 42 (to " + FakeModel.lastUser(r) + ")");
    }
    if (r.step() > 1) {
      return FakeModel.reply("asker got: " + FakeModel.toolResults(r));
    }
    String[] words = FakeModel.lastUser(r).split(" ");
    return new ModelResponse("", List.of(new ToolCall("c" + r.turn(), words[0],
        "{\"agent_id\":\"" + words[1] + "\",\"text\":\"what is the answer?\"}")), TokenUsage.ZERO);
  });

  @Test
  void anAgentAsksAnotherOfItsTenantAndWaitsForTheReply() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      kit.start("expert-1", new AgentInput(spec("expert"), "acme", 0, null));
      AgentWorkflow asker = kit.start("asker-1", new AgentInput(spec("asker"), "acme", 0, null));

      TurnOutcome out = asker.ask(UserMessage.of("ask_agent expert-1"));

      assertThat(out.reply()).isEqualTo("asker got: expert says: 42 (to what is the answer?)");
      assertThat(kit.existing("expert-1").transcript(1, 10).entries().get(0).author()).isEqualTo("agent:asker-1");
    }
  }

  @Test
  void agentsOfAnotherTenantLookMissing() {
    try (AgentTestKit kit = new AgentTestKit(MODEL, FakeTools.named())) {
      kit.start("expert-2", new AgentInput(spec("expert"), "globex", 0, null));
      AgentWorkflow asker = kit.start("asker-2", new AgentInput(spec("asker"), "acme", 0, null));

      assertThat(asker.ask(UserMessage.of("send_to_agent expert-2")).reply())
          .isEqualTo("asker got: no running agent 'expert-2'");
      assertThat(asker.ask(UserMessage.of("send_to_agent nobody")).reply()).isEqualTo("asker got: no running agent 'nobody'");
      assertThat(kit.existing("expert-2").snapshot().turn()).isZero();
    }
  }

  private static AgentSpec spec(String id) {
    ModelSpec model = new ModelSpec("fake", id, null, null, null, null, null, null, null);
    return new AgentSpec(id, "", model, List.of(ToolSpec.of("ask_agent"), ToolSpec.of("send_to_agent")),
        Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE);
  }
}
