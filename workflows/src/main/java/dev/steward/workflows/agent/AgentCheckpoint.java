package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.spec.AgentSpec;

/**
 * An agent's state at the end of a turn, enough to start a new agent from it (fork, import).
 *
 * @param spec the spec in force now
 * @param tenant who owns the agent
 * @param state transcript, memory and counters as they were; usage starts again at zero
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentCheckpoint(AgentSpec spec, String tenant, AgentState state) {}
