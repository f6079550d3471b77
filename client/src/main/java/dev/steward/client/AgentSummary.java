package dev.steward.client;

import dev.steward.workflows.agent.AgentStatus;
import java.time.Instant;

/**
 * One agent in a list.
 *
 * @param agentId the agent's id (its workflow id)
 * @param name the agent's name from its spec; null when the server did not keep it
 * @param status what it is doing; {@link AgentStatus#STOPPED} once it has ended
 * @param tenant who owns it; null when the server did not keep it
 * @param startTime when the agent (its current run) started
 * @param closed true when the agent has ended (stopped, failed or terminated)
 * @param costUsd US dollars the agent has spent (0 where the server keeps no usage)
 * @param totalTokens tokens the agent has used (0 where the server keeps no usage)
 */
public record AgentSummary(
    String agentId,
    String name,
    AgentStatus status,
    String tenant,
    Instant startTime,
    boolean closed,
    double costUsd,
    long totalTokens) {}
