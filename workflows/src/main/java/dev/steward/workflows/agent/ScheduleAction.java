package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person's command to one of the agent's schedules.
 *
 * @param name the schedule's name
 * @param action {@code pause}, {@code resume}, {@code trigger} (fire once now) or {@code delete}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleAction(String name, String action) {}
