package dev.steward.bench;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Answers at once, with the same content as the Steward agent's scripted model and its
 * {@code current_time} tool ({@link Subjects#SPEC}), as plain strings: a message asking for the tool
 * gets a short tool call, the tool's JSON result gets "the time is" and that JSON, anything else "ok".
 * Same text on both sides, so history bytes compare what each side adds around it.
 */
public final class PlainActivitiesImpl implements PlainActivities {

  /** What the plain model answers to a message that asks for the tool. */
  static final String TOOL_CALL = "call current_time {}";
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Override
  public String model(String context) {
    if (context.startsWith("{")) {
      return "the time is " + context;
    }
    return context.contains("tool") ? TOOL_CALL : "ok";
  }

  @Override
  public String tool(String arguments) {
    // The JSON current_time returns, written by hand.
    ZonedDateTime now = ZonedDateTime.now(UTC);
    return "{\"time\":\"" + now.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + "\",\"zone\":\"" + UTC.getId() + "\",\"epoch_seconds\":" + now.toEpochSecond()
        + ",\"weekday\":\"" + now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "\"}";
  }
}
