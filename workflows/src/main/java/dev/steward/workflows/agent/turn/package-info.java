/**
 * The turn loop and the state of one workflow run. {@code TurnLoop} runs a turn top to bottom
 * (limits, compaction, model step, tool step, outcome) and the agent's stop; {@code AgentRun} holds
 * every mutable field and is the only class that changes them, offering other rooms the narrow
 * contexts they declare. May touch every room; no room but the workflow class touches it.
 */
package dev.steward.workflows.agent.turn;
