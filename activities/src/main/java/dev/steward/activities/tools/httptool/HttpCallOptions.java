package dev.steward.activities.tools.httptool;

import java.time.Duration;

/**
 * Limits of one declared HTTP call.
 *
 * @param maxBytes the most response-body bytes returned; default 1 MiB
 * @param timeout the most one request may take, body included; default 30 s
 * @param allowPrivate whether loopback, link-local and private-network addresses may be called; default false
 */
public record HttpCallOptions(long maxBytes, Duration timeout, boolean allowPrivate) {

  public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /** Defaults for every null. */
  public static HttpCallOptions of(Long maxBytes, Integer timeoutSeconds, Boolean allowPrivate) {
    long bytes = maxBytes == null || maxBytes < 1 ? DEFAULT_MAX_BYTES : Math.min(maxBytes, Integer.MAX_VALUE - 1);
    int seconds = timeoutSeconds == null || timeoutSeconds < 1 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    return new HttpCallOptions(bytes, Duration.ofSeconds(seconds), Boolean.TRUE.equals(allowPrivate));
  }
}
