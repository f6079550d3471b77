package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.SharedSpecs;

/**
 * How an agent run starts: fresh from a spec, or carrying the state of the run before it.
 *
 * @param spec the agent's spec (on a continued run, the latest one)
 * @param tenant who owns the agent; {@code default} when auth is off
 * @param historyEventBudget continue as new once a run's history has this many events, even if
 *     Temporal has not suggested it yet; 0 means the default of {@value #DEFAULT_HISTORY_EVENT_BUDGET}
 * @param carried the state of the previous run, or null for a new agent
 * @param task for a sub-agent: the one message it answers before it ends; null for a long-lived agent
 * @param changeEpoch the change epoch the starter's code was built with, which the run takes without a
 *     version marker when its worker knows it ({@link Versions#begin}); 0 in inputs recorded before
 *     starters wrote it, or written by another client
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentInput(
    // One object per spec content: cached agents (and the SDK's two decodes of each input) share it.
    @JsonDeserialize(converter = SharedSpecs.class) AgentSpec spec,
    String tenant, long historyEventBudget, AgentState carried, UserMessage task, int changeEpoch) {

  public static final long DEFAULT_HISTORY_EVENT_BUDGET = 8_000;
  public static final String DEFAULT_TENANT = "default";

  public AgentInput {
    // Interned: a worker holds one copy of each tenant's name, not one per cached agent.
    tenant = tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant.intern();
    historyEventBudget = historyEventBudget <= 0 ? DEFAULT_HISTORY_EVENT_BUDGET : historyEventBudget;
  }

  /** An input this code starts a run with: it asks for this code's newest epoch. */
  public AgentInput(AgentSpec spec, String tenant, long historyEventBudget, AgentState carried, UserMessage task) {
    this(spec, tenant, historyEventBudget, carried, task, Versions.newest());
  }

  /** An input this code starts a run with: it asks for this code's newest epoch. */
  public AgentInput(AgentSpec spec, String tenant, long historyEventBudget, AgentState carried) {
    this(spec, tenant, historyEventBudget, carried, null);
  }

  public static AgentInput of(AgentSpec spec) {
    return new AgentInput(spec, DEFAULT_TENANT, 0, null);
  }
}
