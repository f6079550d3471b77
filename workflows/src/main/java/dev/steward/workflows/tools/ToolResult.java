package dev.steward.workflows.tools;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a tool returned to the model.
 *
 * @param content the result text (JSON or plain text)
 * @param error true when the call failed; {@code content} then says why, for the model to act on;
 *     left out of the history when false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolResult(String content, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean error) {

  public static ToolResult ok(String content) {
    return new ToolResult(content, false);
  }

  public static ToolResult error(String message) {
    return new ToolResult(message, true);
  }
}
