/**
 * What the agent records for people and watchers: the transcript and event log ({@code Journal}),
 * the Web UI's current details, the status search attributes, and shared text helpers. Depends on no
 * other room.
 */
package dev.steward.workflows.agent.journal;
