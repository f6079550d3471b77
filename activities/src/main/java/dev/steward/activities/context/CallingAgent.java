package dev.steward.activities.context;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.tools.ToolInvocation;
import io.temporal.activity.Activity;

/**
 * Names the agent a model or tool activity runs for. The agent workflow leaves its id out of these
 * inputs (it is the workflow id of the activity, a sub-agent's too, and saves bytes at every step);
 * inputs scheduled by an older release still name it, and that name is kept.
 */
public final class CallingAgent {

  private CallingAgent() {}

  /** The request naming its agent: as it came, or with the running activity's workflow id. */
  public static ModelRequest named(ModelRequest request) {
    return request.agentId() != null ? request : request.forAgent(workflowId());
  }

  /** The call naming its agent: as it came, or with the running activity's workflow id. */
  public static ToolInvocation named(ToolInvocation invocation) {
    return invocation.agentId() != null ? invocation : invocation.forAgent(workflowId());
  }

  /** The workflow id of the running activity, or null outside one (a direct call in a test). */
  static String workflowId() {
    try {
      return Activity.getExecutionContext().getInfo().getWorkflowId();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
