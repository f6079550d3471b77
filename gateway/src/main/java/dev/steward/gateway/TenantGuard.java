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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Checks that an agent belongs to the caller's tenant before anything touches it. Another tenant's
 * agent is reported exactly like a missing one, so ids of other tenants cannot be probed.
 *
 * <p>The tenant is read from the execution's description (search attribute, else memo), which the
 * Temporal server answers without a worker: a request to an agent whose worker is down still gets
 * past the check and fails (or waits) for its own reasons.
 *
 * <p>A tenant's own agent is remembered for {@link #OWNED_KEPT}, so a client talking to its agent
 * costs the server one description per agent and interval, not one per request. The answer cannot
 * go stale while Temporal keeps any run of the id: the client gives an id back only to the tenant of
 * its latest run. Only "yes, the caller's" is remembered, per tenant and id: a foreign or missing
 * id is asked about every time, so both still take the same time to refuse.
 */
final class TenantGuard {

  /** How long a tenant's own agent is trusted without asking the server again. */
  static final Duration OWNED_KEPT = Duration.ofSeconds(30);
  /** At most this many remembered agents; past it, the expired ones are dropped, then all. */
  static final int MAX_KEPT = 10_000;

  private final Function<String, String> owners;
  private final LongSupplier nanoTime;
  /** Tenant and agent id → when the agent was last seen to be the tenant's (nanoTime). */
  private final Map<Owned, Long> owned = new ConcurrentHashMap<>();

  TenantGuard(AgentClient client) {
    this(agentId -> ownerOf(client, agentId), System::nanoTime);
  }

  /** @param owners the agent's tenant, from the server; throws {@link AgentNotFoundException} when it is not an agent */
  TenantGuard(Function<String, String> owners, LongSupplier nanoTime) {
    this.owners = owners;
    this.nanoTime = nanoTime;
  }

  /**
   * @throws AgentNotFoundException when no agent has this id or it belongs to another tenant
   */
  void requireOwned(String agentId, String tenant) {
    Owned key = new Owned(tenant, agentId);
    Long seen = owned.get(key);
    long now = nanoTime.getAsLong();
    if (seen != null && now - seen < OWNED_KEPT.toNanos()) {
      return;
    }
    if (!tenant.equals(owners.apply(agentId))) {
      throw new AgentNotFoundException(agentId, null);
    }
    if (owned.size() >= MAX_KEPT) {
      owned.values().removeIf(t -> now - t >= OWNED_KEPT.toNanos());
      if (owned.size() >= MAX_KEPT) {
        owned.clear();
      }
    }
    owned.put(key, now);
  }

  private record Owned(String tenant, String agentId) {}

  /** The agent's tenant, read from the server. */
  private static String ownerOf(AgentClient client, String agentId) {
    WorkflowExecutionMetadata execution;
    try {
      execution = client.workflowClient()
          .newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty())
          .describe();
    } catch (WorkflowNotFoundException e) {
      throw new AgentNotFoundException(agentId, e);
    } catch (RuntimeException e) {
      throw translate(client, agentId, e);
    }
    if (!AgentWorkflow.TYPE.equals(execution.getWorkflowType())) {
      // Some other workflow shares the namespace; to an AgentService caller it does not exist.
      throw new AgentNotFoundException(agentId, null);
    }
    return AgentTenants.of(execution);
  }

  private static StewardException translate(AgentClient client, String agentId, RuntimeException e) {
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
