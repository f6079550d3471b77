package dev.steward.activities.model.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.steward.activities.model.WireToolNames;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** Turns Steward's context into LangChain4j messages, with tool names in their wire form. */
public final class ChatMessages {

  private ChatMessages() {}

  /** The system prompt (when not blank) followed by the conversation, oldest first. */
  public static List<dev.langchain4j.data.message.ChatMessage> of(
      String instructions, List<ChatMessage> messages, WireToolNames names) {
    List<dev.langchain4j.data.message.ChatMessage> out = new ArrayList<>();
    if (instructions != null && !instructions.isBlank()) {
      out.add(SystemMessage.from(instructions));
    }
    for (ChatMessage m : messages == null ? List.<ChatMessage>of() : messages) {
      out.add(switch (m.role()) {
        case USER -> UserMessage.from(m.text());
        case ASSISTANT -> assistant(m, names);
        case TOOL -> toolResult(m, names);
      });
    }
    return out;
  }

  private static ToolExecutionResultMessage toolResult(ChatMessage m, WireToolNames names) {
    return ToolExecutionResultMessage.builder()
        .id(m.toolCallId())
        .toolName(names.toWire(m.toolName() == null ? "unknown" : m.toolName()))
        .text(m.text())
        // Anthropic sends it as is_error: true, so the model knows the call failed; the others ignore it.
        // Null for a success keeps those requests as they were.
        .isError(m.error() ? Boolean.TRUE : null)
        .build();
  }

  private static AiMessage assistant(ChatMessage m, WireToolNames names) {
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (ToolCall call : m.toolCalls()) {
      requests.add(ToolExecutionRequest.builder()
          .id(call.id())
          .name(names.toWire(call.name()))
          .arguments(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments())
          .build());
    }
    // An assistant turn that only called tools has no text; send none rather than "".
    String text = m.text().isEmpty() && !requests.isEmpty() ? null : m.text();
    return AiMessage.builder().text(text).toolExecutionRequests(requests).build();
  }
}
