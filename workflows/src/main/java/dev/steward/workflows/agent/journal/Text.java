package dev.steward.workflows.agent.journal;

/** Text shaping shared by everything that writes for people: events, details, timer summaries. */
public final class Text {

  private Text() {}

  /** {@code s} on one line (runs of white space made one space), cut to {@code max} characters with an ellipsis. */
  public static String abbreviate(String s, int max) {
    String oneLine = s == null ? "" : s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
  }
}
