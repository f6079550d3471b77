/**
 * The agent's schedules: their state and timer loop ({@code Scheduler}) and, where the server has
 * them, the Temporal Schedules that fire them ({@code TemporalSchedules}). Told what to write by
 * callbacks; may use timers and journal.
 */
package dev.steward.workflows.agent.schedules;
