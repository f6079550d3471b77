package dev.steward.gateway.openai;

import dev.steward.client.AgentClient;
import dev.steward.client.AgentTenants;
import dev.steward.workflows.agent.AgentWorkflow;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Checks that an agent behind a response or conversation id belongs to the caller's tenant. Another
 * tenant's agent answers exactly like a missing one (404), so ids cannot be probed.
 */
final class AgentOwnership {

  private final AgentClient client;

  AgentOwnership(AgentClient client) {
    this.client = client;
  }

  /**
   * The agent's execution, once it is known to be the tenant's.
   *
   * @param what {@code response} or {@code conversation}, for the 404
   * @param publicId the id the client sent, for the 404
   */
  WorkflowExecutionMetadata require(String agentId, String tenant, String what, String publicId) {
    return find(agentId, tenant).orElseThrow(() -> OpenAiException.notFound(what, publicId));
  }

  /** The agent's execution if it exists and is the tenant's; empty otherwise. */
  Optional<WorkflowExecutionMetadata> find(String agentId, String tenant) {
    WorkflowExecutionMetadata execution;
    try {
      execution = client.workflowClient().newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty()).describe();
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    if (!AgentWorkflow.TYPE.equals(execution.getWorkflowType()) || !tenant.equals(AgentTenants.of(execution))) {
      return Optional.empty();
    }
    return Optional.of(execution);
  }
}
