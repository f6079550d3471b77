package dev.steward.client;

import dev.steward.workflows.agent.AgentWorkflowImpl;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded test server with Steward's search attributes, one worker running the real agent
 * workflow with a fake model and fake tools, and an {@link AgentClient} over it. Time runs normally,
 * as under {@code steward dev}: a client that waits must not make the server skip ahead.
 *
 * <p>The fake model answers "re: <message>"; a message containing "fetch" makes it call
 * {@code http_get} first and then answer "done: <tool result>"; one containing "hang" blocks the
 * model until {@link #release()}.
 */
final class ClientTestKit implements AutoCloseable {

  static final String QUEUE = "steward-test";

  final TestWorkflowEnvironment env;
  final AgentClient client;
  private final CountDownLatch hanging = new CountDownLatch(1);

  ClientTestKit() {
    this(true);
  }

  ClientTestKit(boolean registerSearchAttributes) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    if (registerSearchAttributes) {
      for (var key : SearchAttributeNames.ALL) {
        env.registerSearchAttribute(key.getName(), key.getValueType());
      }
    }
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(AgentWorkflowImpl.class);
    worker.registerActivitiesImplementations((ModelActivities) this::answer, (ToolActivities) invocation ->
        ToolResult.ok("fetched " + invocation.arguments()));
    env.start();
    client = new AgentClient(env.getWorkflowClient(), QUEUE);
  }

  private ModelResponse answer(ModelRequest request) {
    request = resolveContext(request);
    String message = lastUserMessage(request);
    if (message.contains("hang")) {
      awaitRelease();
    }
    if (message.contains("fetch") && request.step() == 1) {
      ToolCall call = new ToolCall("call-" + request.turn(), "http_get", "{\"url\":\"https://example.org\"}");
      return new ModelResponse("", List.of(call), new TokenUsage(10, 5));
    }
    ChatMessage last = request.messages().get(request.messages().size() - 1);
    String text = last.role() == ChatMessage.Role.TOOL ? "done: " + last.text() : "re: " + message;
    return new ModelResponse(text, List.of(), new TokenUsage(10, 5));
  }

  private void awaitRelease() {
    try {
      hanging.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a context sent by reference from the calling agent, as Steward's model activity does. */
  private static ModelRequest resolveContext(ModelRequest request) {
    if (request.contextSeq() <= 0) {
      return request;
    }
    var context = io.temporal.activity.Activity.getExecutionContext();
    var agent = context.getWorkflowClient().newUntypedWorkflowStub(context.getInfo().getWorkflowId(),
        java.util.Optional.of(context.getInfo().getRunId()), java.util.Optional.empty());
    var view = agent.query("modelContext", dev.steward.workflows.memory.ModelContextView.class, request.contextSeq());
    return request.withContext(view.system(), view.messages());
  }

  private static String lastUserMessage(ModelRequest request) {
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      if (request.messages().get(i).role() == ChatMessage.Role.USER) {
        return request.messages().get(i).text();
      }
    }
    return "";
  }

  /** Lets a model call blocked on "hang" answer. */
  void release() {
    hanging.countDown();
  }

  @Override
  public void close() {
    release();
    client.close();
    env.close();
  }
}
