/**
 * What happens inside one step of a turn: the model call with its fallbacks and retries
 * ({@code ModelCall}), the tool calls in parallel ({@code ToolStep}; the ones the workflow runs itself in
 * {@code WorkflowTools}) behind the approval gate
 * ({@code Approvals}), questions to people ({@code Questions}), unique call ids. Sees the agent only
 * through {@code StepContext}; may use conversation, journal and timers, never the turn loop.
 */
package dev.steward.workflows.agent.steps;
