package dev.steward.network;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL the policy vetted, and the only addresses a connection for it may use.
 *
 * @param uri the URL to request: as given for a host name; for an address literal, with the host
 *     written as the canonical address (so {@code http://0177.0.0.1/} becomes {@code http://127.0.0.1/})
 * @param host the host a connection is for, lower case, without brackets or a trailing dot; the
 *     canonical address for a literal
 * @param addresses what the host resolved to when vetted; connect to these, never resolve again
 * @param literal whether the URL named an address rather than a host name
 */
public record Destination(URI uri, String host, List<InetAddress> addresses, boolean literal) {

  public Destination {
    addresses = List.copyOf(addresses);
  }
}
