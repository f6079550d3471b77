package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SubAgentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The parent calls the given sub-agent tools at step 1, then replies with their results. */
  private static FakeModel model(Function<ModelRequest, ModelResponse> child, ToolCall... parentCalls) {
    return new FakeModel(r -> {
      if (r.agentId().contains("/")) {
        return child.apply(r);
      }
      if (r.model().id().equals("helper")) {
        return FakeModel.reply("helper here, I read: " + FakeModel.lastUser(r));
      }
      return r.step() == 1 ? new ModelResponse("", List.of(parentCalls), new TokenUsage(10, 5))
          : FakeModel.reply("parent: " + FakeModel.toolResults(r));
    });
  }

  @Test
  void twoSubAgentsRunInParallelAndTheirUsageCountsForTheParent() {
    CountDownLatch both = new CountDownLatch(2);
    FakeModel model = model(r -> {
      both.countDown();
      try {
        both.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new RuntimeException(e);
      }
      return new ModelResponse(r.model().id() + " did " + FakeModel.lastUser(r), List.of(), new TokenUsage(100, 50));
    }, call("a1", "agent:researcher", "find sources"), call("a2", "agent:writer", "draft intro"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow parent = kit.start("boss", parentSpec(List.of(agentTool("researcher"), agentTool("writer"))));
      TurnOutcome out = parent.ask(UserMessage.of("write a report"));

      assertThat(out.reply()).isEqualTo("parent: researcher did find sources|writer did draft intro");
      // 2 parent calls of 15 tokens, 2 children of 150 each.
      assertThat(parent.snapshot().usage().tokens().totalTokens()).isEqualTo(330);
    }
  }

  @Test
  void parallelSubAgentsShareWhatIsLeftOfTheBudget() {
    FakeModel model = model(r -> FakeModel.reply("done"),
        call("a1", "agent:researcher", "one"), call("a2", "agent:writer", "two"));
    AgentSpec boss = new AgentSpec("boss", "", model("boss"), List.of(agentTool("researcher"), agentTool("writer")),
        new Limits(0, 0, 1_015, 0), ApprovalPolicy.NONE, InboxPolicy.QUEUE);
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      kit.start("boss-budget", boss).ask(UserMessage.of("go"));

      // 1,015 tokens, 15 spent on the parent's first call: 500 each.
      assertThat(kit.existing("boss-budget/researcher/a1").snapshot().spec().limits().maxTotalTokens()).isEqualTo(500);
      assertThat(kit.existing("boss-budget/writer/a2").snapshot().spec().limits().maxTotalTokens()).isEqualTo(500);
    }
  }

  @Test
  void aFailingSubAgentIsAToolErrorAndTheParentCarriesOn() {
    FakeModel model = model(r -> {
      throw ApplicationFailure.newNonRetryableFailure("401 bad key", "ModelRequestRejected");
    }, call("a1", "agent:researcher", "find sources"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      TurnOutcome out = kit.start("boss-fail", parentSpec(List.of(agentTool("researcher"))))
          .ask(UserMessage.of("go"));

      assertThat(out.completed()).isTrue();
      assertThat(out.reply()).startsWith("parent: sub-agent researcher did not finish: FAILED").contains("401 bad key");
    }
  }

  @Test
  void stoppingTheParentCancelsItsChildren() {
    CountDownLatch never = new CountDownLatch(1);
    FakeTools tools = new FakeTools(i -> {
      try {
        never.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ToolResult.ok("late");
    });
    // The child waits on a slow tool (an activity; current_time would run locally), so it is still
    // running when the parent stops.
    FakeModel model = model(r -> r.step() == 1
        ? new ModelResponse("", List.of(new ToolCall("t1", "http_get", "{\"url\":\"https://example.org\"}")), TokenUsage.ZERO)
        : FakeModel.reply("child done"), call("a1", "agent:researcher", "wait"));
    try (AgentTestKit kit = new AgentTestKit(model, tools)) {
      AgentWorkflow parent = kit.start("boss-stop", parentSpec(List.of(agentTool("researcher"))));
      parent.send(UserMessage.of("go"));
      String childId = "boss-stop/researcher/a1";
      await().until(() -> tools.calls.size() == 1);

      parent.stop("enough");

      await().atMost(30, TimeUnit.SECONDS).until(() -> status(kit, childId) != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      // The child takes the cancellation as a stop and says so (Temporal still records it as cancelled).
      assertThat(status(kit, childId)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
      assertThat(kit.existing(childId).snapshot().status()).isEqualTo(AgentStatus.STOPPED);
      never.countDown();
    }
  }

  @Test
  void aHandoffKeepsTheTranscriptAndTheNewAgentAnswers() {
    FakeModel model = new FakeModel(r -> r.model().id().equals("helper")
        ? FakeModel.reply("helper here, I read: " + FakeModel.lastUser(r))
        : r.step() == 1 ? new ModelResponse("", List.of(new ToolCall("h1", "handoff", "{\"agent\":\"helper\"}")), TokenUsage.ZERO)
        : FakeModel.reply("unexpected"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      AgentWorkflow agent = kit.start("desk", parentSpec(List.of(agentTool("helper"))));
      TurnOutcome first = agent.ask(UserMessage.of("I need help with billing"));
      TurnOutcome second = agent.ask(UserMessage.of("still there?"));

      assertThat(first.reply()).isEqualTo("helper here, I read: I need help with billing");
      assertThat(second.reply()).isEqualTo("helper here, I read: still there?");
      assertThat(agent.snapshot().spec().name()).isEqualTo("helper");
      assertThat(agent.transcript(1, 100).entries()).extracting(TranscriptEntry::text)
          .contains("I need help with billing", "handed over from boss to helper");
    }
  }

  @Test
  void aSubAgentWhoseSpecHasNoModelIsAToolErrorNotAStuckChild() {
    ToolSpec broken = new ToolSpec("agent:broken", Map.of("spec", Map.of("name", "broken")));
    FakeModel model = model(r -> FakeModel.reply("never"), call("a1", "agent:broken", "do it"));
    try (AgentTestKit kit = new AgentTestKit(model, FakeTools.named())) {
      TurnOutcome out = kit.start("boss-broken", parentSpec(List.of(broken))).ask(UserMessage.of("go"));

      assertThat(out.completed()).isTrue();
      assertThat(out.reply()).contains("agent:broken has an agent spec without a name or a model");
    }
  }

  private static WorkflowExecutionStatus status(AgentTestKit kit, String id) {
    return kit.client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
            .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder().setWorkflowId(id)).build())
        .getWorkflowExecutionInfo().getStatus();
  }

  private static ToolCall call(String id, String tool, String task) {
    return new ToolCall(id, tool, "{\"task\":\"" + task + "\"}");
  }

  @SuppressWarnings("unchecked")
  private static ToolSpec agentTool(String name) {
    AgentSpec child = new AgentSpec(name, "You are the " + name + ".", model(name),
        List.of(ToolSpec.of("current_time"), ToolSpec.of("http_get")),
        Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE);
    return new ToolSpec("agent:" + name, Map.of("spec", JSON.convertValue(child, Map.class)));
  }

  private static AgentSpec parentSpec(List<ToolSpec> tools) {
    return new AgentSpec("boss", "You delegate.", model("boss"), tools, Limits.DEFAULTS, ApprovalPolicy.NONE,
        InboxPolicy.QUEUE);
  }

  private static ModelSpec model(String id) {
    return new ModelSpec("fake", id, null, null, null, null, null, null, null);
  }
}
