package dev.steward.client;

/**
 * A wait ran out of time. The request itself may still take effect: {@link #accepted()} says
 * whether the agent had already taken it.
 */
public class StewardTimeoutException extends StewardException {

  private final boolean accepted;

  public StewardTimeoutException(String message, boolean accepted, Throwable cause) {
    super(message, cause);
    this.accepted = accepted;
  }

  /** True when the agent had accepted the request (e.g. the message is in its inbox) before time ran out. */
  public boolean accepted() {
    return accepted;
  }
}
