package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.Versions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the {@code StewardStatus} search attribute in step with the agent, so lists and the Web UI
 * can filter by it, and {@code StewardCostUsd} and {@code StewardTotalTokens} with its usage. Agents
 * started without Steward's search attributes (e.g. by another client) are left alone rather than
 * failed: upserting an unregistered attribute would block the workflow. A new agent's start sets
 * {@code StewardStatus} without the two usage attributes (zero until its first turn ends); Steward
 * registers all five together, so such an agent gets them with its first usage.
 */
public final class StatusTracker {

  private AgentStatus published;
  /**
   * Which of the attributes this tracker keeps the agent has (or, for the usage pair, gets at its
   * first usage publish), read once: reading them from the SDK decodes every attribute each time,
   * and their set cannot change otherwise, since this tracker is the only code that upserts them.
   */
  private boolean hasStatus;
  private boolean hasCost;
  private boolean hasTokens;
  private boolean known;
  /** The {@code StewardStatus} the run started with (the client's start, or the run it continued), or null. */
  private String startStatus;

  /** Keeps {@code StewardCostUsd} and {@code StewardTotalTokens} current, where the agent has them. */
  public void publishUsage(Usage usage) {
    know();
    if (hasCost) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.COST_USD.valueSet(usage.costUsd()));
    }
    if (hasTokens) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.TOTAL_TOKENS.valueSet(usage.tokens().totalTokens()));
    }
  }

  /**
   * Usage and status in one upsert: one history event and one command where {@link #publishUsage}
   * and {@link #publish} make up to three. Used at the end of a turn (change id {@code
   * one-upsert-per-turn-end}).
   */
  public void publishUsageAndStatus(Usage usage, AgentStatus status) {
    know();
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>(3);
    if (hasCost) {
      updates.add(SearchAttributeNames.COST_USD.valueSet(usage.costUsd()));
    }
    if (hasTokens) {
      updates.add(SearchAttributeNames.TOTAL_TOKENS.valueSet(usage.tokens().totalTokens()));
    }
    if (status != published) {
      published = status;
      if (hasStatus) {
        updates.add(SearchAttributeNames.STATUS.valueSet(status.name()));
      }
    }
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }

  /** Sets {@code StewardStatus} to {@code status} unless it already says so. */
  public void publish(AgentStatus status) {
    if (status == published) {
      return;
    }
    know();
    if (published == null && startedAs(status)) {
      published = status;
      return;
    }
    published = status;
    if (hasStatus) {
      Workflow.upsertTypedSearchAttributes(SearchAttributeNames.STATUS.valueSet(status.name()));
    }
  }

  /** Reads which attributes the agent has, on the first publish of this run (or of this replay). */
  private void know() {
    if (known) {
      return;
    }
    SearchAttributes attributes = Workflow.getTypedSearchAttributes();
    hasStatus = has(attributes, SearchAttributeNames.STATUS);
    startStatus = hasStatus ? attributes.get(SearchAttributeNames.STATUS) : null;
    hasCost = has(attributes, SearchAttributeNames.COST_USD);
    hasTokens = has(attributes, SearchAttributeNames.TOTAL_TOKENS);
    if (hasStatus && !hasCost && !hasTokens && Versions.atLeast(ChangeIds.USAGE_ATTRIBUTES_AT_FIRST_PUBLISH, 1)) {
      hasCost = true;
      hasTokens = true;
    }
    known = true;
  }

  /**
   * True when the run's first publish would upsert the value the run already started with (change
   * id {@code status-known-from-start}, asked only then: where the old code's upsert is skipped).
   */
  private boolean startedAs(AgentStatus status) {
    return hasStatus && status.name().equals(startStatus)
        && Versions.atLeast(ChangeIds.STATUS_KNOWN_FROM_START, 1);
  }

  private static boolean has(SearchAttributes attributes, SearchAttributeKey<?> key) {
    return attributes.containsKey(key);
  }
}
