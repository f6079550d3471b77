/**
 * Durable waits with named timers and cancellable work with a deadline, shared by every room that
 * waits (approvals, questions, sleep, other agents, schedules). Depends on no other room.
 */
package dev.steward.workflows.agent.timers;
