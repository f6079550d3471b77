package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One scripted model answer: either a reply or tool calls.
 *
 * @param reply the text to answer with; {@code {{input}}} stands for the person's message and
 *     {@code {{last_tool_result}}} for the most recent tool result
 * @param toolCalls tools to call, in parallel
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScriptedStep(String reply, @JsonProperty("tool_calls") List<ScriptedToolCall> toolCalls) {
  public ScriptedStep {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A tool call in a script. Arguments are given as YAML/JSON and sent to the tool as JSON. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ScriptedToolCall(String tool, Map<String, Object> arguments) {
    public ScriptedToolCall {
      arguments = arguments == null ? Map.of() : arguments;
    }
  }
}
