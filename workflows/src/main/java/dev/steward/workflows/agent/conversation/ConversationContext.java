package dev.steward.workflows.agent.conversation;

import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.spec.AgentSpec;

/**
 * What messages between agents, sub-agents and handoffs may read and change of the agent they run
 * in: its identity, spec and budget, and nothing else.
 */
public interface ConversationContext {

  String agentId();

  String tenant();

  int turn();

  AgentSpec spec();

  /** Totals over the agent's life, to share what is left of its budget with a sub-agent. */
  Usage usage();

  boolean stopRequested();

  /** Counts a sub-agent's usage against this agent's budget. */
  void addUsage(Usage child);

  /** Another agent takes over this conversation from the next step, with the whole transcript. */
  void handOver(AgentSpec next, String note);
}
