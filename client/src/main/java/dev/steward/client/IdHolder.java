package dev.steward.client;

import dev.steward.workflows.agent.AgentWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Who holds a workflow id now: the latest run with that id, open or closed, as Temporal describes
 * it (no worker needed).
 *
 * @param agent whether it is an {@code Agent} workflow
 * @param tenant its tenant (search attribute, else memo); null when it records none
 * @param running whether that run is still open
 */
record IdHolder(boolean agent, String tenant, boolean running) {

  /** The holder of {@code id}, or empty when Temporal knows no run with it (never used, or past retention). */
  static Optional<IdHolder> of(WorkflowClient client, String id) {
    WorkflowExecutionMetadata execution;
    try {
      execution = client.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty()).describe();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
    boolean running = execution.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (!AgentWorkflow.TYPE.equals(execution.getWorkflowType())) {
      return Optional.of(new IdHolder(false, null, running));
    }
    String tenant = AgentTenants.of(execution);
    return Optional.of(new IdHolder(true, tenant, running));
  }

  /** Whether {@code tenant} may use the id: its own agent's, running or stopped. */
  boolean ownedBy(String tenant) {
    return agent && tenant.equals(this.tenant);
  }
}
