package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A message the agent sends itself on a schedule: a cron expression or a fixed interval.
 *
 * @param name the schedule's name, unique within the agent
 * @param cron five fields, minute hour day-of-month month day-of-week, e.g. {@code 0 9 * * 1-5}; or null
 * @param every a fixed interval, e.g. {@code 15m}, {@code 1h}, {@code 1d}; or null
 * @param timezone an IANA zone for {@code cron}, e.g. {@code Europe/Paris}; default UTC
 * @param message the message the agent receives when the schedule fires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleSpec(String name, String cron, String every, String timezone, String message) {
  public ScheduleSpec {
    timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone;
  }
}
