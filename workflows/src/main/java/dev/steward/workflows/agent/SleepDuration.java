package dev.steward.workflows.agent;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as people and models write them (the {@code sleep} tool, schedule intervals): {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}, {@code 2w} or ISO-8601. */
public final class SleepDuration {

  /** Longer sleeps are refused: a year covers every honest use and catches unit mistakes. */
  public static final Duration MAX = Duration.ofDays(366);

  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(s|m|h|d|w)");

  private SleepDuration() {}

  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("duration is required, e.g. 15m, 2h or 7d");
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    } else {
      try {
        d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("cannot read duration '" + text + "'; use e.g. 90s, 15m, 2h, 7d, 2w or PT2H");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got '" + text + "'");
    }
    if (d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is longer than the maximum of 366 days");
    }
    return d;
  }
}
