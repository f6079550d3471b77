package dev.steward.client;

/**
 * The id belongs to someone else: another tenant's agent (running or stopped) or a workflow that is
 * not an agent. The message is the same in every case, so it says nothing about the holder.
 */
public final class AgentIdUnavailableException extends AgentAlreadyExistsException {

  public AgentIdUnavailableException(String agentId) {
    super(agentId, "agent id '" + agentId + "' is not available; choose another id");
  }
}
