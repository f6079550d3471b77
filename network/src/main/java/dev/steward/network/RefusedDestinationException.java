package dev.steward.network;

import java.io.IOException;

/**
 * The network policy refused a URL. An {@link IOException}, so it travels through HTTP client
 * interfaces like any failure to connect; its message names the host, the address and the range,
 * never a credential.
 */
public final class RefusedDestinationException extends IOException {

  /** Why a URL was refused. */
  public enum Reason {
    /** Not an absolute http(s) URL with a host, or a malformed address. */
    NOT_HTTP,
    /** The host name did not resolve. */
    UNRESOLVED,
    /** The host is, or resolves to, an address outside the public internet. */
    PRIVATE
  }

  private final Reason reason;

  public RefusedDestinationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  static RefusedDestinationException unresolved(String host) {
    return new RefusedDestinationException(Reason.UNRESOLVED, "the host " + host + " does not resolve");
  }

  public Reason reason() {
    return reason;
  }

  /** Whether the URL was refused only because its host name did not resolve. */
  public boolean unresolved() {
    return reason == Reason.UNRESOLVED;
  }

  /** Whether an operator's allowance for private networks would have let it through. */
  public boolean privateAddress() {
    return reason == Reason.PRIVATE;
  }
}
