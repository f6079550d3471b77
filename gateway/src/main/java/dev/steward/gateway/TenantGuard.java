package dev.steward.gateway;

import dev.steward.client.AgentClient;
import dev.steward.client.AgentTenants;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.StewardException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.StewardUnavailableException;
import dev.steward.workflows.agent.AgentWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Checks that an agent belongs to the caller's tenant before anything touches it. Another tenant's
 * agent is reported exactly like a missing one, so ids of other tenants cannot be probed.
 *
 * <p>The tenant is read from the execution's description (search attribute, else memo), which the
 * Temporal server answers without a worker: a request to an agent whose worker is down still gets
 * past the check and fails (or waits) for its own reasons.
 */
final class TenantGuard {

  private final AgentClient client;

  TenantGuard(AgentClient client) {
    this.client = client;
  }

  /**
   * @throws AgentNotFoundException when no agent has this id or it belongs to another tenant
   */
  void requireOwned(String agentId, String tenant) {
    String owner = ownerOf(agentId);
    if (!tenant.equals(owner)) {
      throw new AgentNotFoundException(agentId, null);
    }
  }

  /** The agent's tenant. */
  private String ownerOf(String agentId) {
    WorkflowExecutionMetadata execution;
    try {
      execution = client.workflowClient()
          .newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty())
          .describe();
    } catch (WorkflowNotFoundException e) {
      throw new AgentNotFoundException(agentId, e);
    } catch (RuntimeException e) {
      throw translate(agentId, e);
    }
    if (!AgentWorkflow.TYPE.equals(execution.getWorkflowType())) {
      // Some other workflow shares the namespace; to an AgentService caller it does not exist.
      throw new AgentNotFoundException(agentId, null);
    }
    String tenant = AgentTenants.of(execution);
    return tenant;
  }

  private StewardException translate(String agentId, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException sre) {
        Status.Code code = sre.getStatus().getCode();
        if (code == Status.Code.NOT_FOUND) {
          return new AgentNotFoundException(agentId, e);
        }
        if (code == Status.Code.UNAVAILABLE) {
          return new StewardUnavailableException(client.workflowClient().getWorkflowServiceStubs().getOptions().getTarget(), e);
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
          return new StewardTimeoutException("Temporal did not answer in time about agent '" + agentId + "'", false, e);
        }
        break;
      }
    }
    return new StewardException("cannot look up agent '" + agentId + "': " + e.getMessage(), e);
  }
}
