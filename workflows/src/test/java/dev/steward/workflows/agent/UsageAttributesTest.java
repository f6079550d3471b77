package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ToolCall;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import org.junit.jupiter.api.Test;

/**
 * Cost and tokens as search attributes (change id {@code usage-attributes-at-first-publish}): a new
 * agent starts without them and has them, with its usage, once its first turn has ended; an agent
 * started without Steward's attributes is left without them.
 */
class UsageAttributesTest {

  @Test
  void aNewAgentGetsCostAndTokensWhenItsFirstTurnEnds() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("usage-new", AgentTestKit.spec("current_time"));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();
      Usage usage = agent.snapshot().usage();
      assertThat(usage.tokens().totalTokens()).isPositive();

      SearchAttributes attributes = attributes(kit, "usage-new");
      assertThat(attributes.get(SearchAttributeNames.COST_USD)).isEqualTo(usage.costUsd());
      assertThat(attributes.get(SearchAttributeNames.TOTAL_TOKENS)).isEqualTo(usage.tokens().totalTokens());
      assertThat(attributes.get(SearchAttributeNames.STATUS)).isEqualTo(AgentStatus.IDLE.name());
    }
  }

  @Test
  void anAgentStartedWithoutStewardsAttributesIsLeftWithout() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", "current_time", "{}"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.client.newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("usage-foreign").setTaskQueue(AgentTestKit.QUEUE).build());
      WorkflowClient.start(agent::run, AgentInput.of(AgentTestKit.spec("current_time")));
      assertThat(agent.ask(UserMessage.of("what time is it")).completed()).isTrue();

      SearchAttributes attributes = attributes(kit, "usage-foreign");
      assertThat(attributes.containsKey(SearchAttributeNames.COST_USD)).isFalse();
      assertThat(attributes.containsKey(SearchAttributeNames.TOTAL_TOKENS)).isFalse();
      assertThat(attributes.containsKey(SearchAttributeNames.STATUS)).isFalse();
    }
  }

  private static SearchAttributes attributes(AgentTestKit kit, String id) {
    return kit.client.newUntypedWorkflowStub(id).describe().getTypedSearchAttributes();
  }
}
