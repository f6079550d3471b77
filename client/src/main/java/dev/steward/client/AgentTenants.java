package dev.steward.client;

import dev.steward.workflows.agent.SearchAttributeNames;
import io.temporal.client.WorkflowExecutionMetadata;

/** Which tenant owns an agent's workflow execution. */
public final class AgentTenants {

  private AgentTenants() {}

  /**
   * The {@code StewardTenant} search attribute, else the {@code tenant} memo (agents started before
   * the attribute existed), else null.
   */
  public static String of(WorkflowExecutionMetadata execution) {
    String tenant = execution.getTypedSearchAttributes().get(SearchAttributeNames.TENANT);
    if (tenant != null) {
      return tenant;
    }
    try {
      return execution.getMemo(AgentClient.MEMO_TENANT, String.class, String.class);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
