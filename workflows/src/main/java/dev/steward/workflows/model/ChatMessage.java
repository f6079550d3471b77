package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One message of the model's context.
 *
 * @param role who speaks
 * @param text the text; for a tool message, the tool's result
 * @param toolCalls for an assistant message, the tools it called
 * @param toolCallId for a tool message, the call it answers
 * @param toolName for a tool message, the tool that answered
 * @param error for a tool message, true when the call failed (Anthropic's {@code is_error})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessage(Role role, String text, List<ToolCall> toolCalls, String toolCallId, String toolName,
    boolean error) {

  public enum Role { USER, ASSISTANT, TOOL }

  public ChatMessage {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public ChatMessage(Role role, String text, List<ToolCall> toolCalls, String toolCallId, String toolName) {
    this(role, text, toolCalls, toolCallId, toolName, false);
  }

  public static ChatMessage user(String text) {
    return new ChatMessage(Role.USER, text, List.of(), null, null);
  }

  public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
    return new ChatMessage(Role.ASSISTANT, text, toolCalls, null, null);
  }

  public static ChatMessage toolResult(ToolCall call, String result) {
    return toolResult(call, result, false);
  }

  /** @param error true when the call failed and {@code result} says why */
  public static ChatMessage toolResult(ToolCall call, String result, boolean error) {
    return new ChatMessage(Role.TOOL, result, List.of(), call.id(), call.name(), error);
  }
}
