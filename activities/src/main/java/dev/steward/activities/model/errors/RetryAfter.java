package dev.steward.activities.model.errors;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads how long a provider asks us to wait before retrying: OpenAI's {@code retry-after-ms}
 * (milliseconds) first, then the standard {@code Retry-After} (delay in seconds, or an HTTP date).
 * A wait longer than {@link #MAX} is cut to it, so a misbehaving server cannot park an agent for
 * days; a date in the past means no advice.
 */
public final class RetryAfter {

  /** The longest wait honoured: one hour. */
  public static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  /**
   * The advised wait, if the headers give a usable one.
   *
   * @param headers response headers; names are matched case-insensitively
   * @param now the current time, to turn an HTTP date into a delay
   */
  public static Optional<Duration> from(Map<String, List<String>> headers, Instant now) {
    if (headers == null || headers.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> millis = header(headers, "retry-after-ms").flatMap(RetryAfter::millis);
    if (millis.isPresent()) {
      return millis.map(RetryAfter::capped);
    }
    return header(headers, "retry-after").flatMap(value -> seconds(value).or(() -> date(value, now))).map(RetryAfter::capped);
  }

  private static Optional<Duration> millis(String value) {
    try {
      double ms = Double.parseDouble(value.trim());
      return ms > 0 && Double.isFinite(ms) ? Optional.of(Duration.ofMillis((long) Math.ceil(ms))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> seconds(String value) {
    try {
      double s = Double.parseDouble(value.trim());
      return s > 0 && Double.isFinite(s) ? Optional.of(Duration.ofMillis((long) Math.ceil(s * 1000))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Duration> date(String value, Instant now) {
    try {
      Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code wait}, cut to {@link #MAX}. */
  public static Duration capped(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }

  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (name.equalsIgnoreCase(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
        return Optional.ofNullable(entry.getValue().get(0));
      }
    }
    return Optional.empty();
  }
}
