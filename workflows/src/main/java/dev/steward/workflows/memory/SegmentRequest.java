package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Which transcript entries to move into a segment. The activity reads them from the agent by query
 * (like the summariser), so history carries only these numbers.
 *
 * @param agentId the agent
 * @param fromSeq the first entry
 * @param toSeq the last entry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentRequest(String agentId, long fromSeq, long toSeq) {}
