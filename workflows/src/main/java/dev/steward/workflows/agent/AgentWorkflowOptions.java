package dev.steward.workflows.agent;

import io.temporal.common.converter.DataConverterException;
import io.temporal.worker.WorkflowImplementationOptions;

/**
 * How a worker registers the agent workflow:
 * {@code worker.registerWorkflowImplementationTypes(AgentWorkflowOptions.IMPLEMENTATION, AgentWorkflowImpl.class)}.
 */
public final class AgentWorkflowOptions {

  /**
   * A payload that cannot be read as the declared type (say {@code tools: ["current_time"]} from a
   * client in another language) fails the workflow, naming the field, instead of failing its
   * workflow task again and again: such an agent could never run. Signals that cannot be read are
   * dropped by the SDK and updates rejected, either way without harm to the agent.
   */
  public static final WorkflowImplementationOptions IMPLEMENTATION = WorkflowImplementationOptions.newBuilder()
      .setFailWorkflowExceptionTypes(DataConverterException.class)
      .build();

  private AgentWorkflowOptions() {}
}
