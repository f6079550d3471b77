package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the model answered. An empty text and an empty list of tool calls are left out of the
 * history and read back empty.
 *
 * @param text its text (may be empty when it only calls tools)
 * @param toolCalls the tools it wants called, in parallel; empty for a final reply
 * @param usage tokens this call used
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelResponse(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String text,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
    TokenUsage usage) {
  public ModelResponse {
    text = text == null ? "" : text;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    usage = usage == null ? TokenUsage.ZERO : usage;
  }

  @JsonIgnore
  public boolean isFinalReply() {
    return toolCalls.isEmpty();
  }
}
