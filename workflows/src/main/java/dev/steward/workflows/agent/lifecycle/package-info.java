/**
 * An agent across its runs and lives: checkpoints (its state at the end of a turn, for forks) and
 * rewind. Continue-as-new itself is in the workflow class, with the state {@code AgentRun} carries.
 * May use journal and context.
 */
package dev.steward.workflows.agent.lifecycle;
