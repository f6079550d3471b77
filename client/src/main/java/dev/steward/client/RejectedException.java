package dev.steward.client;

/**
 * The agent refused a request, e.g. a decision on a tool call that is unknown or already decided.
 * Nothing changed; {@link #reason()} is the agent's own explanation.
 */
public class RejectedException extends StewardException {

  private final String reason;

  public RejectedException(String agentId, String reason, Throwable cause) {
    super("agent '" + agentId + "' rejected the request: " + reason, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
