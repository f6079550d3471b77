package dev.steward.client.spec;

import java.time.Duration;

/**
 * The largest numbers agent files accept where the workflow adds them to a clock or budgets with
 * them: a larger one is a unit mistake, and would overflow there ({@code now + timeout}) instead of
 * being refused here with its line.
 */
final class Bounds {

  /** A wait (an approval, a whole turn): like {@code sleep}'s cap, 366 days covers every honest use. */
  static final long MAX_WAIT_SECONDS = Duration.ofDays(366).toSeconds();
  /** One call (a model's answer, a tool, an HTTP request, an MCP call): 24 hours. */
  static final long MAX_CALL_SECONDS = Duration.ofHours(24).toSeconds();
  /** Tokens over an agent's life: a trillion is beyond any budget, so a larger number is a typo. */
  static final long MAX_TOTAL_TOKENS = 1_000_000_000_000L;

  private Bounds() {}

  /** Seconds as people read them: "366 days", "24 hours", "90 minutes", "45 seconds". */
  static String describe(long seconds) {
    if (seconds >= 2 * 86_400 && seconds % 86_400 == 0) {
      return seconds / 86_400 + " days";
    }
    if (seconds >= 3_600 && seconds % 3_600 == 0) {
      return seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours");
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
    }
    return seconds + (seconds == 1 ? " second" : " seconds");
  }
}
