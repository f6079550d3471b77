package dev.steward.gateway.client;

import dev.steward.client.StewardUnavailableException;

/**
 * The gateway does not answer, or it cannot reach Temporal. A {@link StewardUnavailableException},
 * so callers that handle an unreachable Temporal handle this too; the message names the gateway.
 */
public class GatewayUnavailableException extends StewardUnavailableException {

  private final String message;

  public GatewayUnavailableException(String target, String message, Throwable cause) {
    super(target, cause);
    this.message = message;
  }

  @Override
  public String getMessage() {
    return message;
  }
}
