package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A schedule as it stands.
 *
 * @param name the schedule's name
 * @param description what it is: its cron expression and zone, or its interval
 * @param paused true while paused
 * @param fires how many times it has fired
 * @param lastFiredMillis when it last fired, epoch milliseconds; 0 before the first time
 * @param nextFireMillis when it fires next, epoch milliseconds; 0 while paused
 * @param temporalScheduleId the id of the Temporal Schedule that fires it; null when the agent's own
 *     durable timer does (on servers without Schedules, such as the embedded one)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleState(String name, String description, boolean paused, long fires, long lastFiredMillis,
    long nextFireMillis, String temporalScheduleId) {

  /** A schedule the agent's own timer fires. */
  public ScheduleState(String name, String description, boolean paused, long fires, long lastFiredMillis,
      long nextFireMillis) {
    this(name, description, paused, fires, lastFiredMillis, nextFireMillis, null);
  }
}
