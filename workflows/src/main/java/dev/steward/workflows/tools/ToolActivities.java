package dev.steward.workflows.tools;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Runs the tools that live outside the workflow. Arguments are validated against the tool's JSON
 * Schema before it runs; a violation or a failure of the tool is returned as an error
 * {@link ToolResult}, never thrown, so the agent can read it and carry on.
 */
@ActivityInterface
public interface ToolActivities {

  /** The activity type of {@link #invoke}, for untyped stubs. */
  String TYPE = "Tool";

  @ActivityMethod(name = TYPE)
  ToolResult invoke(ToolInvocation invocation);
}
