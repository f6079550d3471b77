package dev.steward.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.tools.httptool.RecordingServer;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code Tool} activity through Temporal: when an attempt dies after the server already got the
 * request, the retry sends the same {@code Idempotency-Key}, so the server can tell it is a repeat.
 */
class IdempotencyAcrossRetriesTest {

  private static final String QUEUE = "tools";

  @WorkflowInterface
  public interface ToolCallWorkflow {
    @WorkflowMethod
    ToolResult call(ToolInvocation invocation);
  }

  /** Runs one tool call with retries, as the agent workflow does. */
  public static class ToolCallWorkflowImpl implements ToolCallWorkflow {
    @Override
    public ToolResult call(ToolInvocation invocation) {
      ToolActivities tools = Workflow.newActivityStub(ToolActivities.class, ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setMaximumAttempts(3).build())
          .build());
      return tools.invoke(invocation);
    }
  }

  /** The real tool activity, whose first attempt fails after its request reached the server (a lost worker). */
  static class FirstAttemptLost implements ToolActivities {
    private final ToolActivitiesImpl real;

    FirstAttemptLost(ToolActivitiesImpl real) {
      this.real = real;
    }

    @Override
    public ToolResult invoke(ToolInvocation invocation) {
      ToolResult result = real.invoke(invocation);
      if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
        throw new IllegalStateException("worker lost after the request was sent");
      }
      return result;
    }
  }

  private TestWorkflowEnvironment env;
  private RecordingServer server;
  private WorkerToolSources sources;

  @BeforeEach
  void start() throws Exception {
    server = new RecordingServer(r -> new RecordingServer.Answer(201, "application/json", "{\"created\":true}"));
    sources = new WorkerToolSources(Map.<String, String>of()::get, List.of());
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ToolCallWorkflowImpl.class);
    worker.registerActivitiesImplementations(new FirstAttemptLost(new ToolActivitiesImpl(sources)));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    server.close();
    sources.close();
  }

  @Test
  void bothAttemptsCarryTheSameIdempotencyKey() {
    HttpToolSpec order = new HttpToolSpec("place_order", null, "POST", server.url() + "/orders", null, null,
        Map.of("type", "object", "properties", Map.of("item", Map.of("type", "string"))), null, null, true);
    AgentSpec spec = new AgentSpec("retry-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        List.of(ToolSpec.of("place_order")), null, null, null, null, null, null, List.of(order), null);
    // The declaration travels in the options through Temporal's JSON converter, as in a real worker.
    ToolInvocation invocation =
        new ToolInvocation("agent-42", "call-7", "place_order", "{\"item\":\"book\"}", spec.tool("place_order").options());

    ToolCallWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ToolCallWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("retry-test").build());
    ToolResult result = workflow.call(invocation);

    assertThat(result.error()).isFalse();
    assertThat(server.requests()).hasSize(2)
        .allSatisfy(r -> assertThat(r.headers()).containsEntry("idempotency-key", "agent-42/call-7"));
  }
}
