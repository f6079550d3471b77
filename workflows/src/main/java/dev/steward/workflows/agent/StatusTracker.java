package dev.steward.workflows.agent;

import io.temporal.workflow.Workflow;

/**
 * Keeps the {@code StewardStatus} search attribute in step with the agent, so lists and the Web UI
 * can filter by it. Agents started without Steward's search attributes (e.g. by another client)
 * are left alone rather than failed: upserting an unregistered attribute would block the workflow.
 */
final class StatusTracker {

  private AgentStatus published;

  void publish(AgentStatus status) {
    if (status == published) {
      return;
    }
    published = status;
    if (Workflow.getTypedSearchAttributes().containsKey(SearchAttributeNames.STATUS)) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.STATUS.valueSet(status.name()));
    }
  }
}
