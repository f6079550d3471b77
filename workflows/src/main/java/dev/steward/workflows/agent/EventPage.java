package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Events after a sequence number.
 *
 * @param events the events, oldest first
 * @param lastSeq the highest sequence number the agent has written so far
 * @param oldestSeq the oldest sequence number still kept (older events were dropped to bound memory)
 * @param stopped true when the agent has ended and no more events will come
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventPage(List<AgentEvent> events, long lastSeq, long oldestSeq, boolean stopped) {}
