package dev.steward.workflows.agent.journal;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** Text shaping shared by everything that writes for people: events, details, timer summaries. */
public final class Text {

  private Text() {}

  /** {@code s} on one line (runs of white space made one space), cut to {@code max} characters with an ellipsis. */
  public static String abbreviate(String s, int max) {
    String oneLine = s == null ? "" : oneSpace(s).trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  /**
   * {@code s} with each run of the white space regex {@code \s} matches (space, tab, line breaks,
   * vertical tab, form feed) made one space: what {@code replaceAll("\\s+", " ")} does, without
   * compiling a pattern on every event and detail line.
   */
  static String oneSpace(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean run = isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(s.charAt(i + 1))));
      if (!run) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      // A run to fold: copy what came before it once, then one space for the whole run.
      if (out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      }
      out.append(' ');
      while (i + 1 < n && isSpace(s.charAt(i + 1))) {
        i++;
      }
    }
    return out == null ? s : out.toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** The innermost message of an activity's failure: the one a person can act on. */
  public static String describe(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage()
        : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
  }
}
