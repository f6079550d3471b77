package dev.steward.client;

/**
 * An agent with this id is already running with a different spec. Starting is idempotent only for
 * an equal spec; to change a running agent, use {@link AgentClient#updateSpec}.
 */
public class AgentAlreadyExistsException extends StewardException {

  private final String agentId;

  public AgentAlreadyExistsException(String agentId) {
    super("agent '" + agentId + "' is already running with a different spec; "
        + "update it with updateSpec, stop it first, or choose another id");
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}
