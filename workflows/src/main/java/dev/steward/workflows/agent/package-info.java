/**
 * The agent's contract and front door. Here live {@link dev.steward.workflows.agent.AgentWorkflow}
 * (workflow type {@code Agent} and its handler names: a public API), the records that cross it
 * (inputs, updates, query results, the state carried across continue-as-new: their JSON is in
 * committed histories, so they stay here, unchanged), {@link dev.steward.workflows.agent.ChangeIds},
 * and {@link dev.steward.workflows.agent.AgentWorkflowImpl}, which only waits for work and hands each
 * handler to a room.
 *
 * <p>The rooms, each a sub-package: {@code turn} (the loop and the run's state), {@code steps}
 * (model step, tool step, approval gate, questions), {@code conversation} (inbox, messages between
 * agents, sub-agents, handoff), {@code context} (what the model sees, compaction), {@code journal}
 * (transcript, events, what the Web UI shows), {@code schedules}, {@code timers}, {@code lifecycle}
 * (checkpoints, rewind). Doors open one way: rooms see the agent through narrow contexts
 * ({@code StepContext}, {@code ConversationContext}, {@code CompactionContext}); none imports the
 * workflow class.
 */
package dev.steward.workflows.agent;
