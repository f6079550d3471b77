package dev.steward.client;

/**
 * An agent with this id is already running with a different spec. Starting is idempotent only for
 * an equal spec; to change a running agent, use {@link AgentClient#updateSpec}.
 */
public class AgentAlreadyExistsException extends StewardException {

  private final String agentId;

  public AgentAlreadyExistsException(String agentId) {
    this(agentId, "agent '" + agentId + "' is already running with a different spec; "
        + "change it with update-spec (AgentClient.updateSpec), stop it first, or choose another id");
  }

  public AgentAlreadyExistsException(String agentId, String message) {
    super(message);
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}
