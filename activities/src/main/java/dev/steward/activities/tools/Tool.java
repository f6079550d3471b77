package dev.steward.activities.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;

/** A tool that runs inside the tool activity. */
public interface Tool {

  /** The tool's name, description and argument schema. */
  ToolDefinition definition();

  /**
   * Runs the tool.
   *
   * @param arguments the arguments, already parsed and valid against {@link ToolDefinition#parametersSchema()}
   * @param invocation the call, for its options and idempotency key
   * @return the result; an expected failure (bad URL, refused host) is an error result
   * @throws ToolException for an expected failure the caller turns into an error result
   * @throws InterruptedException when the worker is shutting down
   */
  ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException, InterruptedException;
}
