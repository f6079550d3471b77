package dev.steward.activities.model.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One model call through any LangChain4j {@link ChatModel}: builds the request from a
 * {@link ModelRequest} (tools resolved in the {@link ToolCatalog}, unknown ones left out), sends
 * it, and maps the answer back to Steward names. Errors are thrown as LangChain4j threw them, for
 * the provider to classify.
 */
public final class LangChain4jChat {

  private final ToolCatalog catalog;

  public LangChain4jChat(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  public ModelResponse complete(ChatModel model, ModelRequest request) {
    List<ToolDefinition> tools = catalog.resolve(request.tools());
    WireToolNames names = WireToolNames.of(namesIn(tools, request.messages()));
    ChatRequest.Builder chat =
        ChatRequest.builder().messages(ChatMessages.of(request.instructions(), request.messages(), names));
    if (!tools.isEmpty()) {
      List<ToolSpecification> specs = new ArrayList<>();
      tools.forEach(t -> specs.add(ToolSpecifications.of(t, names)));
      chat.toolSpecifications(specs);
    }
    ChatResponse response = model.chat(chat.build());
    return toSteward(response, request, names);
  }

  private static ModelResponse toSteward(ChatResponse response, ModelRequest request, WireToolNames names) {
    AiMessage message = response.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest r : message.toolExecutionRequests()) {
        // Some OpenAI-compatible servers omit call ids; people and results still need one.
        String id = r.id() == null || r.id().isBlank()
            ? "call-" + request.turn() + "-" + request.step() + "-" + (calls.size() + 1)
            : r.id();
        calls.add(new ToolCall(id, names.toSteward(r.name()), r.arguments() == null ? "" : r.arguments()));
      }
    }
    dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
    TokenUsage tokens = usage == null
        ? TokenUsage.ZERO
        : new TokenUsage(orZero(usage.inputTokenCount()), orZero(usage.outputTokenCount()));
    return new ModelResponse(message.text(), calls, tokens);
  }

  private static Set<String> namesIn(List<ToolDefinition> tools, List<ChatMessage> messages) {
    Set<String> names = new LinkedHashSet<>();
    tools.forEach(t -> names.add(t.name()));
    for (ChatMessage m : messages == null ? List.<ChatMessage>of() : messages) {
      m.toolCalls().forEach(c -> names.add(c.name()));
      if (m.toolName() != null) {
        names.add(m.toolName());
      }
    }
    return names;
  }

  private static long orZero(Integer n) {
    return n == null ? 0 : n;
  }
}
