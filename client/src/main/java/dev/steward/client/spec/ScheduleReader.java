package dev.steward.client.spec;

import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.schedule.Cron;
import dev.steward.workflows.spec.ScheduleSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code schedules:}: each a name, a cron expression or an interval, an optional zone and a message. */
final class ScheduleReader {

  /** Firings closer than this would keep an agent busy with its own schedule. */
  static final java.time.Duration MIN_INTERVAL = java.time.Duration.ofMinutes(1);

  static final List<String> FIELDS = List.of("name", "cron", "every", "timezone", "message");

  private ScheduleReader() {}

  static List<ScheduleSpec> read(YamlNode node, Fields fields, ProblemLog log) {
    if (node == null) {
      return null;
    }
    List<YamlNode> items = fields.list(node, "schedules",
        " of schedules, e.g. - {name: morning, cron: \"0 9 * * MON-FRI\", message: Plan the day}");
    if (items == null) {
      return null;
    }
    List<ScheduleSpec> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String at = FieldPath.index("schedules", i);
      MappingReader s = fields.mapping(items.get(i), at, FIELDS);
      if (s == null) {
        continue;
      }
      YamlNode nameNode = s.required("name", "; e.g. name: morning");
      String name = nameNode == null ? null : fields.text(nameNode, s.path("name"));
      if (name != null && !names.add(name)) {
        log.error(nameNode, s.path("name"), "schedule '" + name + "' is declared twice");
      }
      String cron = s.text("cron");
      String every = s.text("every");
      if ((cron == null) == (every == null)) {
        log.error(items.get(i), at, "give exactly one of cron (e.g. \"0 9 * * *\") or every (e.g. 1h)");
      }
      if (cron != null) {
        try {
          Cron.parse(cron).next(java.time.Instant.now(), ZoneId.of("UTC"));
        } catch (IllegalArgumentException e) {
          log.error(s.get("cron"), s.path("cron"), e.getMessage());
        }
      }
      if (every != null) {
        try {
          if (SleepDuration.parse(every).compareTo(MIN_INTERVAL) < 0) {
            log.error(s.get("every"), s.path("every"), "at least 1m between firings; each firing is a whole turn");
          }
        } catch (IllegalArgumentException e) {
          log.error(s.get("every"), s.path("every"), e.getMessage());
        }
      }
      String zone = s.text("timezone");
      if (zone != null) {
        try {
          ZoneId.of(zone);
        } catch (DateTimeException e) {
          log.error(s.get("timezone"), s.path("timezone"), "unknown time zone '" + zone + "'; e.g. Europe/Paris or UTC");
        }
      }
      YamlNode messageNode = s.required("message", "; the message the agent receives, e.g. message: Plan the day");
      String message = messageNode == null ? null : fields.text(messageNode, s.path("message"));
      out.add(new ScheduleSpec(name, cron, every, zone, message));
    }
    return out;
  }
}
