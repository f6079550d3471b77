package dev.steward.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A tool call that Temporal cancels (the agent stopped) is interrupted on the worker, even while
 * the tool itself never heartbeats: the tool activity beats for it.
 */
class ToolCancellationTest {

  private static final CountDownLatch STARTED = new CountDownLatch(1);
  private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();

  /** A tool that waits a long time without heartbeating, and notes whether it was interrupted. */
  static final class Stuck implements Tool {
    @Override
    public ToolDefinition definition() {
      return new ToolDefinition("stuck", "waits", "{\"type\":\"object\"}");
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws InterruptedException {
      STARTED.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(5).toMillis());
      } catch (InterruptedException e) {
        INTERRUPTED.set(true);
        throw e;
      }
      return ToolResult.ok("done");
    }
  }

  @WorkflowInterface
  public interface CancelledCall {
    @WorkflowMethod
    String run();
  }

  /** Starts the call, then cancels it once the tool has begun, as the agent does on stop. */
  public static class CancelledCallImpl implements CancelledCall {
    @Override
    public String run() {
      ToolActivities tools = Workflow.newActivityStub(ToolActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .build());
      CancellationScope scope = Workflow.newCancellationScope(() -> Async.function(tools::invoke,
          new ToolInvocation("agent-1", "c1", "stuck", "{}", Map.of())));
      scope.run();
      Workflow.sleep(Duration.ofSeconds(1));
      scope.cancel("the agent is stopping");
      return "cancelled";
    }
  }

  @Test
  void aCancelledToolCallIsInterruptedOnTheWorker() throws Exception {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build())) {
      Worker worker = env.newWorker("q");
      worker.registerWorkflowImplementationTypes(CancelledCallImpl.class);
      worker.registerActivitiesImplementations(new ToolActivitiesImpl(List.of(new Stuck())));
      env.start();
      CancelledCall call = env.getWorkflowClient().newWorkflowStub(CancelledCall.class,
          WorkflowOptions.newBuilder().setTaskQueue("q").build());
      WorkflowClient.start(call::run);
      assertThat(STARTED.await(30, TimeUnit.SECONDS)).isTrue();

      // Cancellation reaches the worker with its next heartbeat that Temporal answers.
      await().atMost(Duration.ofSeconds(60)).untilTrue(INTERRUPTED);
    }
  }
}
