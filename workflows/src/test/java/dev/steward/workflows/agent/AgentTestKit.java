package dev.steward.workflows.agent;

import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.schedule.ScheduleActivities;
import dev.steward.workflows.schedule.ScheduleWakeWorkflowImpl;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolActivities;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A time-skipping Temporal environment with one agent worker, for workflow tests. */
final class AgentTestKit implements AutoCloseable {

  static final String QUEUE = "steward-test";

  final TestWorkflowEnvironment env;
  final WorkflowClient client;

  private final ModelActivities model;
  private final ToolActivities tools;
  private final ScheduleActivities schedules;
  /** The worker of a kit {@link #withWorkersLater}, while it runs. */
  private WorkerFactory laterWorkers;

  AgentTestKit(ModelActivities model, ToolActivities tools) {
    this(model, tools, FakeSchedules.withoutServerSchedules());
  }

  AgentTestKit(ModelActivities model, ToolActivities tools, ScheduleActivities schedules) {
    this(model, tools, schedules, true);
  }

  /**
   * A kit whose clock runs in real time, for tests that wait for no timer: with time skipping, a
   * workflow task the worker is slow to pick up can time out at once, and an update it carried is
   * lost ("update not found"), again and again on a busy machine.
   */
  static AgentTestKit inRealTime(ModelActivities model, ToolActivities tools, ScheduleActivities schedules) {
    return new AgentTestKit(model, tools, schedules, false);
  }

  /**
   * A kit in real time whose worker polls only from {@link #startWorkers}: what is sent before
   * then piles up in one workflow task of the agent, in the order the server gives it.
   */
  static AgentTestKit withWorkersLater(ModelActivities model, ToolActivities tools) {
    return new AgentTestKit(model, tools, FakeSchedules.withoutServerSchedules(), false, false);
  }

  private AgentTestKit(ModelActivities model, ToolActivities tools, ScheduleActivities schedules, boolean skipTime) {
    this(model, tools, schedules, skipTime, true);
  }

  private AgentTestKit(ModelActivities model, ToolActivities tools, ScheduleActivities schedules, boolean skipTime,
      boolean startWorkers) {
    this.model = model;
    this.tools = tools;
    this.schedules = schedules;
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(skipTime).build());
    client = env.getWorkflowClient();
    // All five, as Steward registers them: a new agent's first usage publish adds cost and tokens.
    SearchAttributeNames.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
    if (startWorkers) {
      register(env.newWorker(QUEUE));
      env.start();
    }
  }

  private void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(AgentWorkflowOptions.IMPLEMENTATION, AgentWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ScheduleWakeWorkflowImpl.class);
    worker.registerActivitiesImplementations(model, tools, new FakeSummarizer(), new FakeSegments(), new FakeDirectory(),
        schedules);
  }

  /**
   * Starts a worker for a kit made {@link #withWorkersLater}. A worker that keeps agents between
   * tasks ({@code cached}) runs each task from the new events alone, as a worker usually does; one
   * that does not replays the whole history each task, and uses no sticky queue of its own, so once
   * {@link #stopWorkers() stopped} an agent's next task waits for the next worker.
   */
  void startWorkers(boolean cached) {
    laterWorkers = WorkerFactory.newInstance(client);
    register(laterWorkers.newWorker(QUEUE, cached ? WorkerOptions.getDefaultInstance()
        : WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build()));
    laterWorkers.start();
  }

  /** Stops the worker {@link #startWorkers} started, and waits until it has. */
  void stopWorkers() {
    laterWorkers.shutdownNow();
    laterWorkers.awaitTermination(30, TimeUnit.SECONDS);
    laterWorkers = null;
  }

  AgentWorkflow start(String id, AgentSpec spec) {
    return start(id, AgentInput.of(spec));
  }

  AgentWorkflow start(String id, AgentInput input) {
    AgentWorkflow agent = client.newWorkflowStub(AgentWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE)
            .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "IDLE").build())
            .build());
    WorkflowClient.start(agent::run, input);
    return agent;
  }

  /** Starts an agent with its first ask in one call (update-with-start), as Steward's client does; its outcome. */
  TurnOutcome startWithAsk(String id, AgentInput input, UserMessage message) {
    WorkflowStub stub = client.newUntypedWorkflowStub(AgentWorkflow.TYPE,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(QUEUE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setTypedSearchAttributes(SearchAttributes.newBuilder().set(SearchAttributeNames.STATUS, "IDLE").build())
            .build());
    UpdateOptions<TurnOutcome> ask = UpdateOptions.newBuilder(TurnOutcome.class).setUpdateName("ask")
        .setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
    return stub.startUpdateWithStart(ask, new Object[] {message}, new Object[] {input}).getResult();
  }

  AgentWorkflow existing(String id) {
    return client.newWorkflowStub(AgentWorkflow.class, id);
  }

  WorkflowStub untyped(String id) {
    return client.newUntypedWorkflowStub(id);
  }

  static AgentSpec spec(String... tools) {
    return spec(Limits.DEFAULTS, ApprovalPolicy.NONE, InboxPolicy.QUEUE, tools);
  }

  static AgentSpec spec(Limits limits, ApprovalPolicy approval, InboxPolicy inbox, String... tools) {
    List<ToolSpec> toolSpecs = Arrays.stream(tools).map(ToolSpec::of).toList();
    ModelSpec model = new ModelSpec("fake", "test-1", null, null, null, null, null, Map.of(), List.of());
    return new AgentSpec("tester", "You test things.", model, toolSpecs, limits, approval, inbox);
  }

  @Override
  public void close() {
    if (laterWorkers != null) {
      stopWorkers();
    }
    env.close();
  }
}
