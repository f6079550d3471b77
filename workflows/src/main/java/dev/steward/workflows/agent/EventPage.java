package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Events after a sequence number.
 *
 * @param events the events the agent holds after that number, oldest first
 * @param lastSeq the highest sequence number the agent has written so far
 * @param oldestSeq the oldest sequence number still kept, in the agent or in its segments; events
 *     before it were dropped to bound memory (agents that never fold their transcript, or from before
 *     change id {@code events-in-segments})
 * @param stopped true when the agent has ended and no more events will come
 * @param segments the references of segments in the blob store holding events after that number
 *     that the agent no longer holds, oldest first (read them from the store: they come before
 *     {@code events}); empty, and omitted, when there are none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventPage(List<AgentEvent> events, long lastSeq, long oldestSeq, boolean stopped,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TranscriptSegment> segments) {

  public EventPage {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** A page of events the agent holds. */
  public EventPage(List<AgentEvent> events, long lastSeq, long oldestSeq, boolean stopped) {
    this(events, lastSeq, oldestSeq, stopped, List.of());
  }
}
