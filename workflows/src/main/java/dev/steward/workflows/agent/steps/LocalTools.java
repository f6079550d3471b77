package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Set;

/**
 * Tools cheap enough to run as local activities, in the workflow task that asked for them: no
 * network, no side effect, an answer in microseconds ({@code current_time}). A local activity
 * saves the activity task's round trip through the server and the workflow task that would wake
 * the agent after it; its result is recorded in a marker, so a replay reads it instead of running
 * the tool again. Agents from before this change replay their tool activities as they ran.
 */
final class LocalTools {

  /** Tools that run locally. Only tools without options: an option could make a tool slow. */
  static final Set<String> NAMES = Set.of(BuiltinTools.CURRENT_TIME);

  private static final LocalActivityOptions OPTIONS = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(100))
          .setMaximumAttempts(ToolStep.MAX_ATTEMPTS)
          .build())
      .build();

  private LocalTools() {}

  /** Whether this call runs as a local activity; records the change's marker the first time it is asked. */
  static boolean runsLocally(ToolSpec tool) {
    return NAMES.contains(tool.name()) && tool.options().isEmpty()
        && Workflow.getVersion(ChangeIds.CHEAP_TOOLS_LOCAL, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** Runs the call; a failure after the retries is the call's error result, as for any tool. */
  static ToolResult invoke(ToolInvocation invocation) {
    ToolActivities tools = Workflow.newLocalActivityStub(ToolActivities.class, OPTIONS);
    try {
      return tools.invoke(invocation);
    } catch (ActivityFailure e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      return ToolResult.error("tool " + invocation.toolName() + " failed after retries: " + why);
    }
  }
}
