package dev.steward.workflows.agent.journal;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** Text shaping shared by everything that writes for people: events, details, timer summaries. */
public final class Text {

  private Text() {}

  /** {@code s} on one line (runs of white space made one space), cut to {@code max} characters with an ellipsis. */
  public static String abbreviate(String s, int max) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }

  /** The innermost message of an activity's failure: the one a person can act on. */
  public static String describe(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage()
        : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
  }
}
