package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.steward.worker.observe.AgentLogContext;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Log lines written for an agent, in its workflow and in its activities, carry its id, run id and
 * turn (model and tool activities read it from their input, not a header); and a workflow line is
 * written once, though a worker without a cache replays the agent's whole history at every step.
 */
class AgentLogLinesTest {

  private static final String QUEUE = "log-lines";

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger observer = (Logger) LoggerFactory.getLogger("dev.steward.worker.observe");
  private TestWorkflowEnvironment env;

  @BeforeEach
  void capture() {
    captured.start();
    root.addAppender(captured);
    // The activity observer says at DEBUG what each call did: a line written in the activity's thread.
    observer.setLevel(Level.DEBUG);
  }

  @AfterEach
  void release() {
    root.detachAppender(captured);
    observer.setLevel(null);
    if (env != null) {
      env.close();
    }
  }

  @Test
  void agentLinesCarryTheAgentRunAndTurnAndReplayWritesNoWorkflowLineTwice() {
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue(QUEUE);
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        // No cache: every workflow task replays the agent's history from its start.
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder(StewardWorker.factoryOptions(settings))
            .setWorkflowCacheSize(0).build())
        .build());
    Worker worker = env.newWorker(QUEUE, StewardWorker.workerOptions(settings));
    StewardRegistrations.register(worker, settings);
    env.start();

    AgentWorkflow agent = env.getWorkflowClient().newWorkflowStub(AgentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("logged").setTaskQueue(QUEUE).build());
    String runId = WorkflowClient.start(agent::run, AgentInput.of(spec())).getRunId();

    // 1. Turn 1 with a tool call; then the same message id again, which the agent ignores with a
    // workflow log line; then turn 2, whose steps replay everything before them.
    assertThat(agent.ask(new UserMessage("m-1", "first", "tester")).status()).isEqualTo(TurnOutcome.Status.COMPLETED);
    agent.send(new UserMessage("m-1", "the same message again", "tester"));
    assertThat(agent.ask(new UserMessage("m-2", "second", "tester")).status()).isEqualTo(TurnOutcome.Status.COMPLETED);
    agent.stop("done");
    env.getWorkflowClient().newUntypedWorkflowStub("logged").getResult(Object.class);

    // 2. The workflow's line: once, with the agent, its run and the turn it came in.
    List<ILoggingEvent> duplicate = lines("ignored duplicate message m-1");
    assertThat(duplicate).as("the workflow line, replays included").hasSize(1);
    assertThat(duplicate.get(0).getMDCPropertyMap())
        .containsEntry(AgentLogContext.AGENT_ID, "logged")
        .containsEntry(AgentLogContext.RUN_ID, runId)
        .containsEntry(AgentLogContext.TURN, "1");

    // 3. The activities' lines: the tool call of each turn, with its turn.
    List<ILoggingEvent> tools = lines("tool current_time answered");
    assertThat(tools).hasSize(2);
    assertThat(tools).extracting(e -> e.getMDCPropertyMap().get(AgentLogContext.TURN)).containsExactly("1", "2");
    assertThat(tools).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
        .containsEntry(AgentLogContext.AGENT_ID, "logged").containsEntry(AgentLogContext.RUN_ID, runId));
    assertThat(lines("model scripted answered")).isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap())
        .containsEntry(AgentLogContext.AGENT_ID, "logged").containsKey(AgentLogContext.TURN));

    // The turn reached the tool's lines from its input: model and tool calls carry no turn header.
    List<io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes> scheduled = env.getWorkflowClient()
        .fetchHistory("logged").getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes())
        .filter(a -> a.getActivityType().getName().equals("Model") || a.getActivityType().getName().equals("Tool"))
        .toList();
    // Two model calls a turn; current_time runs locally, scheduled as no activity.
    assertThat(scheduled).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(a -> assertThat(a.getHeader().getFieldsMap()).doesNotContainKey("steward-turn"));

    // The replays did happen: many workflow tasks, each run from the history's start.
    long tasks = env.getWorkflowClient().fetchHistory("logged").getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).count();
    assertThat(tasks).isGreaterThan(4);
  }

  private List<ILoggingEvent> lines(String text) {
    List<ILoggingEvent> all;
    synchronized (captured) {
      all = new ArrayList<>(captured.list);
    }
    return all.stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
  }

  private static AgentSpec spec() {
    ScriptedTurn turn = new ScriptedTurn(null, List.of(
        new ScriptedStep(null, List.of(new ScriptedStep.ScriptedToolCall("current_time", Map.of()))),
        new ScriptedStep("the time is {{last_tool_result}}", List.of())));
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of(), List.of(turn));
    return new AgentSpec("logged", "", model, List.of(new ToolSpec("current_time", Map.of())), null, null, null);
  }
}
