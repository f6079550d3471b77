package dev.steward.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.context.CallingAgent;
import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.ModelProvider;
import dev.steward.activities.model.stream.PartialReply;
import dev.steward.activities.tools.httptool.RecordingServer;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
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
 * The model and tool activities through Temporal, with inputs that do not name the agent (what the
 * agent workflow sends since the second history-bytes cut): both take the agent from the workflow id
 * of the activity, and a tool call sends the same {@code Idempotency-Key} as the same call naming
 * its agent, as an older release scheduled it.
 */
class AgentIdFromWorkflowTest {

  private static final String QUEUE = "agent-id";

  @WorkflowInterface
  public interface CallsWorkflow {
    /** Runs each tool call, then the model call; returns the tool results' and the model's texts. */
    @WorkflowMethod
    List<String> call(List<ToolInvocation> invocations, ModelRequest request);
  }

  /** Schedules the calls as the agent workflow does. */
  public static class CallsWorkflowImpl implements CallsWorkflow {
    @Override
    public List<String> call(List<ToolInvocation> invocations, ModelRequest request) {
      ActivityOptions options = ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build();
      ToolActivities tools = Workflow.newActivityStub(ToolActivities.class, options);
      ModelActivities model = Workflow.newActivityStub(ModelActivities.class, options);
      List<String> out = new java.util.ArrayList<>();
      invocations.forEach(i -> out.add(tools.invoke(i).content()));
      out.add(model.complete(request).text());
      return out;
    }
  }

  /** A model that answers with the agent id its request names. */
  static final class NamesTheAgent implements ModelProvider {
    @Override
    public String name() {
      return "names-the-agent";
    }

    @Override
    public ModelResponse complete(ModelRequest request, PartialReply partial) {
      return new ModelResponse("agent " + request.agentId(), List.of(), TokenUsage.ZERO);
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
    worker.registerWorkflowImplementationTypes(CallsWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ToolActivitiesImpl(sources),
        new ModelActivitiesImpl(List.of(new NamesTheAgent())));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    server.close();
    sources.close();
  }

  @Test
  void withoutAnAgentIdTheActivitiesUseTheWorkflowIdAndTheKeyIsUnchanged() {
    HttpToolSpec order = new HttpToolSpec("place_order", null, "POST", server.url() + "/orders", null, null,
        Map.of("type", "object", "properties", Map.of("item", Map.of("type", "string"))), null, null, true);
    AgentSpec spec = new AgentSpec("agent-id-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        List.of(ToolSpec.of("place_order")), null, null, null, null, null, null, List.of(order), null);
    Map<String, Object> options = spec.tool("place_order").options();
    // As this release sends it (no agent id, the turn), and as an older one did (the agent id, no turn).
    ToolInvocation now = new ToolInvocation(null, "call-7", "place_order", "{\"item\":\"book\"}", options, "run-1", 3);
    ToolInvocation before = new ToolInvocation("agent-42", "call-7", "place_order", "{\"item\":\"book\"}", options, "run-1");
    ModelRequest request = new ModelRequest(null, 3, 1,
        new ModelSpec("names-the-agent", null, null, null, null, null, null, null, null), "",
        List.of(ChatMessage.user("hi")), List.of());

    CallsWorkflow workflow = env.getWorkflowClient().newWorkflowStub(CallsWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("agent-42").build());
    List<String> results = workflow.call(List.of(now, before), request);

    assertThat(results).last().isEqualTo("agent agent-42");
    assertThat(server.requests()).hasSize(2).extracting(r -> r.headers().get("idempotency-key"))
        .containsExactly("agent-42/run-1/call-7", "agent-42/run-1/call-7");
  }

  @Test
  void anInputNamingItsAgentKeepsThatNameAndOutsideAnActivityNothingIsMadeUp() {
    ToolInvocation named = new ToolInvocation("agent-a", "c1", "t", "{}", Map.of());
    ToolInvocation unnamed = new ToolInvocation(null, "c1", "t", "{}", Map.of(), null, 1);

    assertThat(CallingAgent.named(named)).isSameAs(named);
    assertThat(CallingAgent.named(unnamed).agentId()).isNull();
  }
}
