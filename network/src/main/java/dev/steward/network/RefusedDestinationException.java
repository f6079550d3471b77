package dev.steward.network;

import java.io.IOException;

/**
 * The network policy refused a URL. An {@link IOException}, so it travels through HTTP client
 * interfaces like any failure to connect; its message names the host, the address and the range,
 * never a credential.
 */
public final class RefusedDestinationException extends IOException {

  private final boolean unresolved;

  public RefusedDestinationException(String message) {
    this(message, false);
  }

  private RefusedDestinationException(String message, boolean unresolved) {
    super(message);
    this.unresolved = unresolved;
  }

  static RefusedDestinationException unresolved(String host) {
    return new RefusedDestinationException("the host " + host + " does not resolve", true);
  }

  /** Whether the URL was refused only because its host name did not resolve. */
  public boolean unresolved() {
    return unresolved;
  }
}
