package dev.steward.client.spec;

import java.net.URI;

/** Which URLs an agent file may give for a model's endpoint, a tool or an MCP server. */
final class HttpUrls {

  private HttpUrls() {}

  /**
   * An http(s) URL with a host. The host is taken as written even where {@link URI} cannot read it
   * (e.g. {@code 0x7f.0.0.1}): whether it may be reached is the network policy's decision, which
   * reads such forms, on the worker and, for a remote caller's spec, at the gateway.
   */
  static boolean isHttp(URI uri) {
    boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    String authority = uri.getRawAuthority();
    return http && (uri.getHost() != null || (authority != null && !authority.isBlank() && !authority.startsWith(":")));
  }
}
