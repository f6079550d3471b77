package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.Usage;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the {@code StewardStatus} search attribute in step with the agent, so lists and the Web UI
 * can filter by it. Agents started without Steward's search attributes (e.g. by another client)
 * are left alone rather than failed: upserting an unregistered attribute would block the workflow.
 */
public final class StatusTracker {

  private AgentStatus published;

  /** Keeps {@code StewardCostUsd} and {@code StewardTotalTokens} current, where the agent has them. */
  public void publishUsage(Usage usage) {
    var attributes = Workflow.getTypedSearchAttributes();
    if (attributes.containsKey(SearchAttributeNames.COST_USD)) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.COST_USD.valueSet(usage.costUsd()));
    }
    if (attributes.containsKey(SearchAttributeNames.TOTAL_TOKENS)) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.TOTAL_TOKENS.valueSet(usage.tokens().totalTokens()));
    }
  }

  /**
   * Usage and status in one upsert: one history event and one command where {@link #publishUsage}
   * and {@link #publish} make up to three. Used at the end of a turn (change id {@code
   * one-upsert-per-turn-end}).
   */
  public void publishUsageAndStatus(Usage usage, AgentStatus status) {
    var attributes = Workflow.getTypedSearchAttributes();
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(3);
    if (attributes.containsKey(SearchAttributeNames.COST_USD)) {
      updates.add(SearchAttributeNames.COST_USD.valueSet(usage.costUsd()));
    }
    if (attributes.containsKey(SearchAttributeNames.TOTAL_TOKENS)) {
      updates.add(SearchAttributeNames.TOTAL_TOKENS.valueSet(usage.tokens().totalTokens()));
    }
    if (status != published) {
      published = status;
      if (attributes.containsKey(SearchAttributeNames.STATUS)) {
        updates.add(SearchAttributeNames.STATUS.valueSet(status.name()));
      }
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }

  public void publish(AgentStatus status) {
    if (status == published) {
      return;
    }
    published = status;
    if (Workflow.getTypedSearchAttributes().containsKey(SearchAttributeNames.STATUS)) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.STATUS.valueSet(status.name()));
    }
  }
}
