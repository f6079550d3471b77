package dev.steward.workflows.agent;

import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ModelTools;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.memory.ModelContextView;
import io.temporal.activity.Activity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A model for workflow tests: answers with whatever the test's function says, and records requests. */
final class FakeModel implements ModelActivities {

  final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
  private final Function<ModelRequest, ModelResponse> answer;

  FakeModel(Function<ModelRequest, ModelResponse> answer) {
    this.answer = answer;
  }

  /** Replies "re: <message>" at once. */
  static FakeModel echo() {
    return new FakeModel(r -> reply("re: " + lastUser(r)));
  }

  /** Step 1 calls the given tools; step 2 replies with the tool results joined. */
  static FakeModel callingTools(ToolCall... calls) {
    return new FakeModel(r -> r.step() == 1
        ? new ModelResponse("", List.of(calls), new TokenUsage(10, 5))
        : reply("done: " + toolResults(r)));
  }

  @Override
  public ModelResponse complete(ModelRequest request) {
    ModelRequest resolved = resolve(request);
    requests.add(resolved);
    return answer.apply(resolved);
  }

  /** Reads a context sent by reference from the calling agent, as the real model activity does. */
  static ModelRequest resolve(ModelRequest request) {
    // The agent is the activity's workflow when the request does not name it, as the real activity reads it.
    request = request.forAgent(Activity.getExecutionContext().getInfo().getWorkflowId());
    if (request.toolsRef() != null) {
      // Models and tools by hash: read from the agent's spec, as the real activity does on a cache miss.
      ModelTools found = BY_HASH.computeIfAbsent(request.toolsRef(),
          h -> ModelTools.of(calling().query("snapshot", AgentSnapshot.class).spec()));
      if (!found.hash().equals(request.toolsRef())) {
        throw new IllegalStateException("the agent's models and tools are not the ones of hash " + request.toolsRef());
      }
      request = request.withModelAndTools(found.models().get(request.modelIndex()), found.tools());
    }
    if (request.contextSeq() <= 0) {
      return request;
    }
    var agent = calling();
    ModelContextView view = agent.query("modelContext", ModelContextView.class, request.contextSeq());
    return request.withContext(view.system(), view.messages());
  }

  /** Models and tools by hash; a hash names its content, so one map serves every test. */
  private static final Map<String, ModelTools> BY_HASH = new ConcurrentHashMap<>();

  private static io.temporal.client.WorkflowStub calling() {
    var context = Activity.getExecutionContext();
    return context.getWorkflowClient().newUntypedWorkflowStub(context.getInfo().getWorkflowId(),
        Optional.of(context.getInfo().getRunId()), Optional.empty());
  }

  static ModelResponse reply(String text) {
    return new ModelResponse(text, List.of(), new TokenUsage(10, 5));
  }

  static String lastUser(ModelRequest r) {
    for (int i = r.messages().size() - 1; i >= 0; i--) {
      if (r.messages().get(i).role() == ChatMessage.Role.USER) {
        return r.messages().get(i).text();
      }
    }
    return "";
  }

  static String toolResults(ModelRequest r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.messages().size() - 1; i >= 0 && r.messages().get(i).role() == ChatMessage.Role.TOOL; i--) {
      sb.insert(0, r.messages().get(i).text() + (sb.length() > 0 ? "|" : ""));
    }
    return sb.toString();
  }
}
