package dev.steward.activities.tools.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId UTC = ZoneId.of("UTC");

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
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    ObjectNode out = JSON.createObjectNode();
    out.put("time", now.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    out.put("zone", zone.getId());
    out.put("epoch_seconds", now.toEpochSecond());
    out.put("weekday", now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    return ToolResult.ok(out.toString());
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
