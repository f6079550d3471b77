package dev.steward.network;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one network policy for connections made on a caller's behalf (HTTP and OpenAPI tools,
 * {@code http_get}, MCP over HTTP, model endpoints): http(s) only; the host resolved once; every
 * address it resolves to must be public (see {@link AddressRanges}) unless the operator allowed
 * private networks. The answer is a {@link Destination} whose addresses the connection must use,
 * so a DNS server cannot answer differently when the client connects.
 *
 * <p>Immutable; {@link #vet} may be called from any thread.
 */
public final class NetworkPolicy {

  /** Worker environment variable: {@code true} lets agents' connections reach private networks. */
  public static final String ALLOW_PRIVATE_VARIABLE = "STEWARD_ALLOW_PRIVATE_NETWORK";

  private final boolean allowPrivate;
  private final HostResolver resolver;

  /**
   * @param allowPrivate whether loopback, private, link-local and the other special ranges may be reached
   * @param resolver how names are resolved ({@link HostResolver#SYSTEM} outside tests)
   */
  public NetworkPolicy(boolean allowPrivate, HostResolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** Public addresses only, through the system resolver. */
  public static NetworkPolicy publicOnly() {
    return new NetworkPolicy(false, HostResolver.SYSTEM);
  }

  /** Whether {@code value} (an environment variable's value, or null) turns the allowance on. */
  public static boolean allowed(String value) {
    return value != null && value.strip().equalsIgnoreCase("true");
  }

  public boolean allowPrivate() {
    return allowPrivate;
  }

  /** The same policy with private networks allowed or not, and the same resolver. */
  public NetworkPolicy allowingPrivate(boolean allow) {
    return allow == allowPrivate ? this : new NetworkPolicy(allow, resolver);
  }

  /**
   * Checks a URL and resolves its host once.
   *
   * @throws RefusedDestinationException when it is not an absolute http(s) URL, the host does not
   *     resolve, or (unless private networks are allowed) any of its addresses is not public
   */
  public Destination vet(String url) throws RefusedDestinationException {
    URI uri = parse(url);
    String host = host(uri, url);
    Optional<InetAddress> literal;
    try {
      literal = HostLiterals.parse(host);
    } catch (IllegalArgumentException e) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, e.getMessage());
    }
    if (literal.isPresent()) {
      InetAddress address = literal.get();
      check(host, address);
      return new Destination(withHost(uri, address), canonical(address), List.of(address), true);
    }
    Optional<String> reserved = reservedName(host);
    if (reserved.isPresent() && !allowPrivate) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.PRIVATE,
          host + " (a " + reserved.get() + " name)");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw RefusedDestinationException.unresolved(host);
    }
    if (addresses == null || addresses.isEmpty()) {
      throw RefusedDestinationException.unresolved(host);
    }
    for (InetAddress address : addresses) {
      check(host, address);
    }
    return new Destination(uri, host, addresses, false);
  }

  /**
   * Why the policy refuses {@code url}, or empty when it accepts it. A host that does not resolve is
   * accepted here (the gateway's resolver may not be the workers'); the workers vet it again.
   */
  public Optional<String> refusal(String url) {
    try {
      vet(url);
      return Optional.empty();
    } catch (RefusedDestinationException e) {
      return e.unresolved() ? Optional.empty() : Optional.of(e.getMessage());
    }
  }

  private void check(String host, InetAddress address) throws RefusedDestinationException {
    if (allowPrivate) {
      return;
    }
    Optional<String> reason = AddressRanges.reason(address);
    if (reason.isPresent()) {
      String what = canonical(address).equals(host)
          ? host + " (a " + reason.get() + " address)"
          : host + " (it resolves to " + address.getHostAddress() + ", a " + reason.get() + " address)";
      throw new RefusedDestinationException(RefusedDestinationException.Reason.PRIVATE, what);
    }
  }

  /**
   * Names that mean the local network whatever a resolver answers: {@code localhost} (RFC 6761),
   * mDNS {@code .local}, and {@code .internal}, set aside for private use (cloud metadata among them).
   */
  private static Optional<String> reservedName(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return Optional.of("loopback (localhost)");
    }
    if (host.endsWith(".local")) {
      return Optional.of("link-local (mDNS .local)");
    }
    if (host.endsWith(".internal")) {
      return Optional.of("private-use (.internal)");
    }
    return Optional.empty();
  }

  private static URI parse(String url) throws RefusedDestinationException {
    if (url == null || url.isBlank()) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, "no URL given");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, "'" + url + "' is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, "only http:// and https:// URLs are accepted, not '" + url + "'");
    }
    return uri;
  }

  /** The host, also when java.net.URI reads the authority as a registry name (e.g. {@code 0x7f.0.0.1}). */
  private static String host(URI uri, String url) throws RefusedDestinationException {
    String host = uri.getHost();
    if (host == null && uri.getRawAuthority() != null) {
      String authority = uri.getRawAuthority();
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    if (host == null || host.isBlank()) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, "'" + url + "' names no host");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static String canonical(InetAddress address) {
    return address.getHostAddress();
  }

  private static URI withHost(URI uri, InetAddress address) throws RefusedDestinationException {
    String text = address.getHostAddress();
    String host = text.contains(":") ? "[" + text + "]" : text;
    StringBuilder out = new StringBuilder(uri.getScheme()).append("://").append(host);
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    } else if (uri.getHost() == null && uri.getRawAuthority() != null) {
      // A registry-named authority: java.net.URI gives no port, so read it from the text.
      String authority = uri.getRawAuthority();
      int colon = authority.lastIndexOf(':');
      if (colon > authority.lastIndexOf(']')) {
        out.append(authority.substring(colon));
      }
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    if (uri.getRawQuery() != null) {
      out.append('?').append(uri.getRawQuery());
    }
    try {
      return new URI(out.toString());
    } catch (URISyntaxException e) {
      throw new RefusedDestinationException(RefusedDestinationException.Reason.NOT_HTTP, "'" + uri + "' is not a valid URL");
    }
  }
}
