package dev.steward.client;

/** No running agent has this id: it never existed, or it has stopped. */
public class AgentNotFoundException extends StewardException {

  private final String agentId;

  public AgentNotFoundException(String agentId, Throwable cause) {
    super("no running agent with id '" + agentId + "' (it does not exist or has stopped)", cause);
    this.agentId = agentId;
  }

  public String agentId() {
    return agentId;
  }
}
