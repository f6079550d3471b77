package dev.steward.activities.tools;

import dev.steward.workflows.spec.ToolSpec;
import java.util.List;

/**
 * Tools that are not built in but declared (an MCP server, an HTTP request, an OpenAPI import),
 * found from the agent's {@link ToolSpec}: its name and the declaration attached to its options
 * (see {@link dev.steward.workflows.spec.DeclaredTools}).
 */
public interface ToolSource {

  /** Whether this source describes and runs the tool {@code tool} names. */
  boolean handles(ToolSpec tool);

  /**
   * The definitions behind {@code tool}: one, or all of a server's or import's tools for a
   * wildcard like {@code fs.*}.
   *
   * @throws ToolException when the declaration is unusable or the server cannot be reached
   */
  List<ToolDefinition> definitions(ToolSpec tool) throws ToolException;

  /**
   * The runnable tool {@code tool} names (never a wildcard).
   *
   * @throws ToolException when it does not exist or its server cannot be reached
   */
  Tool tool(ToolSpec tool) throws ToolException;
}
