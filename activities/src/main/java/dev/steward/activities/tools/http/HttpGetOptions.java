package dev.steward.activities.tools.http;

import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code http_get}'s options from the agent spec.
 *
 * @param allowHosts {@code allow_hosts}: host names it may fetch from; {@code *.example.org}
 *     matches any subdomain of example.org. Empty (the default) allows any public host.
 * @param maxBytes {@code max_bytes}: the most body bytes returned; longer bodies are cut and marked
 *     truncated. Default 1 MiB (1,048,576).
 * @param timeout {@code timeout_seconds}: the most one fetch may take, body included. Default 15 s.
 * @param allowPrivate {@code allow_private}: whether loopback, link-local and private-network
 *     addresses may be fetched. Default false, so an agent cannot reach the worker's own network.
 */
public record HttpGetOptions(List<String> allowHosts, long maxBytes, Duration timeout, boolean allowPrivate) {

  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
  public static final long DEFAULT_TIMEOUT_SECONDS = 15;

  public HttpGetOptions {
    allowHosts = allowHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
  }

  /** Reads and checks the options. */
  public static HttpGetOptions from(ToolOptions options) throws ToolException {
    long maxBytes = options.longValue("max_bytes", DEFAULT_MAX_BYTES);
    long timeoutSeconds = options.longValue("timeout_seconds", DEFAULT_TIMEOUT_SECONDS);
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 1) {
      throw new ToolException("tool http_get is misconfigured in the agent spec: max_bytes must be between 1 and "
          + (Integer.MAX_VALUE - 1) + ", not " + maxBytes);
    }
    if (timeoutSeconds < 1) {
      throw new ToolException(
          "tool http_get is misconfigured in the agent spec: timeout_seconds must be at least 1, not " + timeoutSeconds);
    }
    return new HttpGetOptions(
        options.strings("allow_hosts"), maxBytes, Duration.ofSeconds(timeoutSeconds),
        options.booleanValue("allow_private", false));
  }

  /** Whether {@code host} (lower case, no brackets) is on the allow-list, or the list is empty. */
  public boolean hostAllowed(String host) {
    if (allowHosts.isEmpty()) {
      return true;
    }
    for (String allowed : allowHosts) {
      if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }
}
