package dev.steward.workflows.agent.context;

import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.AgentSpec;

/** What the compactor may read and do in the agent: read its context, record a fold, pay for it. */
public interface CompactionContext {

  String agentId();

  int turn();

  AgentSpec spec();

  Memory memory();

  Journal journal();

  void showDetails(String now);

  /** Counts a model call (the summariser's) in the turn's and the agent's usage. */
  void chargeModelCall(TokenUsage tokens, double cost);
}
