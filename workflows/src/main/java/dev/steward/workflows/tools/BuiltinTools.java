package dev.steward.workflows.tools;

import java.util.List;

/** The tools every Steward worker has, by name. */
public final class BuiltinTools {

  /** Fetches a URL over HTTP(S); runs as an activity. */
  public static final String HTTP_GET = "http_get";
  /** Tells the current date and time; runs as an activity. */
  public static final String CURRENT_TIME = "current_time";
  /** Waits durably inside the workflow, for minutes or weeks, at no cost while waiting. */
  public static final String SLEEP = "sleep";

  public static final List<String> NAMES = List.of(HTTP_GET, CURRENT_TIME, SLEEP);

  /** The JSON Schema of {@code sleep}'s arguments; the workflow runs it, so the schema lives here. */
  public static final String SLEEP_SCHEMA =
      """
      {"type":"object","properties":{"duration":{"type":"string",\
      "description":"How long to wait: a number and a unit (s, m, h, d, w), e.g. 90s, 15m, 2h, 7d, or ISO-8601 like PT2H."},\
      "reason":{"type":"string","description":"Why the agent waits, shown to people."}},\
      "required":["duration"],"additionalProperties":false}""";

  public static final String SLEEP_DESCRIPTION =
      "Pause this agent durably for a while (minutes to weeks) and then continue the task. Costs nothing while waiting.";

  private BuiltinTools() {}
}
