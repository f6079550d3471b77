/**
 * Who talks to the agent and whom it talks to: the inbox (messages waiting, duplicate ids, callers
 * waiting in {@code ask}), messages between agents ({@code send_to_agent}, {@code ask_agent}),
 * sub-agents as child workflows and handoff. Sees the agent only through
 * {@code ConversationContext}; may use journal and timers.
 */
package dev.steward.workflows.agent.conversation;
