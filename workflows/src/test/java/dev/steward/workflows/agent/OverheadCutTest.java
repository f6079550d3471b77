package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ModelTools;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The overhead cut of issue 15 on the real agent workflow: the model activity's input names the
 * models and tools by hash; a turn ends with one search-attribute upsert that leaves the status right.
 */
class OverheadCutTest {

  private static final String TIME = "current_time";

  @Test
  void theModelInputNamesModelsAndToolsByHashAndTheModelStillGetsThem() {
    FakeModel model = FakeModel.callingTools(new ToolCall("c1", TIME, "{}"));
    AgentSpec spec = AgentTestKit.spec(TIME);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      kit.start("overhead-hash", spec).ask(UserMessage.of("hi"));

      String hash = ModelTools.of(spec).hash();
      List<String> inputs = kit.client.fetchHistory("overhead-hash").getEvents().stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          .filter(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Model"))
          .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0).getData().toStringUtf8())
          .toList();
      assertThat(inputs).hasSize(2).allSatisfy(input -> assertThat(input)
          .contains("\"toolsRef\":\"" + hash + "\"").doesNotContain("test-1").doesNotContain("\"name\":\"" + TIME));
      assertThat(model.requests).allSatisfy(r -> {
        assertThat(r.model().id()).isEqualTo("test-1");
        assertThat(r.tools()).extracting(t -> t.name()).contains(TIME);
      });
    }
  }

  @Test
  void aTurnEndsWithOneUpsertAndTheStatusIsIdle() {
    try (AgentTestKit kit = new AgentTestKit(FakeModel.echo(), FakeTools.named())) {
      AgentWorkflow agent = kit.start("overhead-upsert", AgentTestKit.spec());
      agent.ask(UserMessage.of("one"));
      int before = kit.client.fetchHistory("overhead-upsert").getEvents().size();

      agent.ask(UserMessage.of("two"));

      List<HistoryEvent> turn = kit.client.fetchHistory("overhead-upsert").getEvents().stream().skip(before).toList();
      List<String> upserted = turn.stream()
          .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
          .map(e -> e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes().getIndexedFieldsMap()
              .get("StewardStatus").getData().toStringUtf8())
          .toList();
      assertThat(upserted).as("RUNNING at the start, IDLE in the one upsert at the end").containsExactly("\"RUNNING\"", "\"IDLE\"");
      var described = kit.client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
          io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
              .setNamespace(kit.client.getOptions().getNamespace())
              .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId("overhead-upsert"))
              .build());
      assertThat(described.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap().get("StewardStatus")
          .getData().toStringUtf8()).isEqualTo("\"IDLE\"");
      assertThat(agent.snapshot().status()).isEqualTo(AgentStatus.IDLE);
    }
  }
}
