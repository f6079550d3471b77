package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which transcript entries (and events) to move into a segment. The activity reads them from the
 * agent by query (like the summariser), so history carries only these numbers.
 *
 * @param agentId the agent
 * @param fromSeq the first entry
 * @param toSeq the last entry
 * @param eventsFrom the first event to store with the entries; 0 (omitted) for none. Since change id
 *     {@code events-in-segments}
 * @param eventsTo the last event to store with the entries; 0 (omitted) for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SegmentRequest(String agentId, long fromSeq, long toSeq,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long eventsFrom,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long eventsTo) {

  /** Entries only, as before change id {@code events-in-segments}. */
  public SegmentRequest(String agentId, long fromSeq, long toSeq) {
    this(agentId, fromSeq, toSeq, 0, 0);
  }

  /** True when events go into the segment too. */
  public boolean withEvents() {
    return eventsTo > 0 && eventsFrom > 0 && eventsFrom <= eventsTo;
  }
}
