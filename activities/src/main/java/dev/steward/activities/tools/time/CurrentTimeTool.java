package dev.steward.activities.tools.time;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code current_time}: the current date and time in a time zone (IANA name, default UTC). Returns
 * JSON: {@code {"time":"2026-03-01T09:30:00+01:00","zone":"Europe/Paris","epoch_seconds":...,"weekday":"Sunday"}}.
 */
public final class CurrentTimeTool implements Tool {

  public static final ToolDefinition DEFINITION =
      new ToolDefinition(
          BuiltinTools.CURRENT_TIME,
          "Tell the current date, time and weekday, in a time zone.",
          """
          {"type":"object","properties":{"timezone":{"type":"string",\
          "description":"IANA time zone, e.g. Europe/Paris or America/New_York. Default UTC."}},\
          "additionalProperties":false}""");

  private static final ZoneId UTC = ZoneId.of("UTC");
  /** English weekday names, by {@link DayOfWeek#ordinal()}: looked up once, not per call. */
  private static final String[] WEEKDAYS = Arrays.stream(DayOfWeek.values())
      .map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toArray(String[]::new);

  private final Clock clock;

  /** Reads the system clock. */
  public CurrentTimeTool() {
    this(Clock.systemUTC());
  }

  /** Reads {@code clock}; for tests. */
  public CurrentTimeTool(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException {
    ZoneId zone = zone(arguments.path("timezone").asText(""));
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
    // Written by hand, as Jackson would write the object: this tool runs on many turns, and a tree
    // and its serialiser cost more than the answer.
    StringBuilder out = new StringBuilder(120);
    out.append("{\"time\":\"").append(isoOffsetDateTime(now))
        .append("\",\"zone\":\"").append(JsonStringEncoder.getInstance().quoteAsString(zone.getId()))
        .append("\",\"epoch_seconds\":").append(now.toEpochSecond())
        .append(",\"weekday\":\"").append(WEEKDAYS[now.getDayOfWeek().ordinal()]).append("\"}");
    return ToolResult.ok(out.toString());
  }

  /** {@code t} as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it, e.g. {@code 2026-03-01T09:30:00.25+01:00}. */
  static String isoOffsetDateTime(ZonedDateTime t) {
    int year = t.getYear();
    if (year < 0 || year > 9999) {
      // Years the formatter writes with a sign; no clock of this century gets here.
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }
    StringBuilder b = new StringBuilder(35);
    digits(b, year, 4).append('-');
    digits(b, t.getMonthValue(), 2).append('-');
    digits(b, t.getDayOfMonth(), 2).append('T');
    digits(b, t.getHour(), 2).append(':');
    digits(b, t.getMinute(), 2).append(':');
    digits(b, t.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos > 0) {
      // As many digits of the fraction as it needs: trailing zeros are left out.
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      digits(b.append('.'), nanos, width);
    }
    return b.append(t.getOffset().getId()).toString();
  }

  private static StringBuilder digits(StringBuilder b, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }

  private static ZoneId zone(String name) throws ToolException {
    if (name.isBlank()) {
      return UTC;
    }
    try {
      return ZoneId.of(name.trim());
    } catch (DateTimeException e) {
      throw new ToolException(
          "unknown time zone '" + name + "': use an IANA name such as Europe/Paris, America/New_York or UTC");
    }
  }
}
