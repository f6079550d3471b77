package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A StewardWorker serves agents: the workflow and both activities are registered and work together. */
class StewardWorkerTest {

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
      TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void runsAnAgentTurnWithAToolCall() {
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue("steward-worker-test");
    try (StewardWorker worker = StewardWorker.create(env.getWorkflowClient(), settings).start()) {
      AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("worker-test").setTaskQueue(settings.taskQueue()).build());
      WorkflowClient.start(agent::run, AgentInput.of(spec()));

      TurnOutcome outcome = agent.ask(new UserMessage("m1", "what time is it?", null));

      assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
      assertThat(outcome.reply()).startsWith("the time is ").contains("20"); // a year, from current_time
      agent.stop("test over");
    }
  }

  @Test
  void pollsForWorkflowTasksWithHalfItsSlotsSoABurstDoesNotQueueOnTheServer() {
    assertThat(StewardWorker.workerOptions(WorkerSettings.defaults()).getMaxConcurrentWorkflowTaskPollers())
        .isEqualTo(WorkerSettings.DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS / 2);
    assertThat(StewardWorker.workerOptions(WorkerSettings.defaults()).getMaxConcurrentActivityTaskPollers())
        .isEqualTo(WorkerSettings.DEFAULT_MAX_CONCURRENT_ACTIVITIES / 4);
    // Never fewer than the SDK's own 5, however few slots.
    assertThat(StewardWorker.workflowTaskPollers(new WorkerSettings(null, null, 0, 4, 0, null, null, null, false, null)))
        .isEqualTo(5);
  }

  /**
   * The model activity's input names the models and tools by hash (issue 15). A new worker has
   * nothing cached: its first model call reads them from the agent (the path a worker restart
   * takes), the next ones find them in its cache; every answer is the same.
   */
  @Test
  void aNewWorkerResolvesTheModelAndToolsSentByHash() {
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue("steward-worker-hash");
    try (StewardWorker worker = StewardWorker.create(env.getWorkflowClient(), settings).start()) {
      AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("worker-hash").setTaskQueue(settings.taskQueue()).build());
      WorkflowClient.start(agent::run, AgentInput.of(spec()));

      for (String id : List.of("m1", "m2")) {
        TurnOutcome outcome = agent.ask(new UserMessage(id, "what time is it?", null));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(TurnOutcome.Status.COMPLETED);
        assertThat(outcome.reply()).startsWith("the time is ").contains("20");
      }
      String hash = dev.steward.workflows.model.ModelTools.of(spec()).hash();
      assertThat(env.getWorkflowClient().fetchHistory("worker-hash").getEvents().stream()
          .filter(e -> e.hasActivityTaskScheduledEventAttributes()
              && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Model"))
          .map(e -> e.getActivityTaskScheduledEventAttributes().getInput().getPayloads(0).getData().toStringUtf8()))
          .hasSize(4).allSatisfy(input -> assertThat(input).contains(hash).doesNotContain("scripted"));
      agent.stop("test over");
    }
  }

  private static AgentSpec spec() {
    ScriptedTurn turn = new ScriptedTurn(null, List.of(
        new ScriptedStep(null, List.of(new ScriptedStep.ScriptedToolCall("current_time", Map.of()))),
        new ScriptedStep("the time is {{last_tool_result}}", List.of())));
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of(), List.of(turn));
    return new AgentSpec("worker-test", "", model, List.of(ToolSpec.of("current_time")), null, null, null);
  }
}
