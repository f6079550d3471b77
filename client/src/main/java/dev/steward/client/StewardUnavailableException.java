package dev.steward.client;

/** No Temporal server answers at the configured address. */
public class StewardUnavailableException extends StewardException {

  private final String address;

  public StewardUnavailableException(String address, Throwable cause) {
    super("no Temporal server answers at " + address
        + " (start one with `steward dev`, or set TEMPORAL_ADDRESS)", cause);
    this.address = address;
  }

  public String address() {
    return address;
  }
}
