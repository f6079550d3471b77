package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to a run of old transcript entries (and, since change id {@code events-in-segments},
 * of old events) kept in the blob store instead of the workflow's state, so the state an agent
 * carries does not grow with its age.
 *
 * @param key the blob's key: a hash of the segment's bytes, so writing the same entries again names the same blob
 * @param fromSeq the first entry's sequence number
 * @param toSeq the last entry's sequence number
 * @param bytes the size of the stored segment
 * @param level 0 for a blob of entries; n &gt; 0 for an index: a blob holding the references of
 *     segments of level n - 1 that together hold entries {@code fromSeq..toSeq} (omitted when 0)
 * @param eventsFrom the first event the blob holds (an index: the first its segments hold); 0, and
 *     omitted, when it holds none
 * @param eventsTo the last event the blob holds (an index: the last its segments hold); 0, and
 *     omitted, when it holds none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptSegment(String key, long fromSeq, long toSeq, long bytes,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int level,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long eventsFrom,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long eventsTo) {

  /** A segment of entries (level 0) and no events. */
  public TranscriptSegment(String key, long fromSeq, long toSeq, long bytes) {
    this(key, fromSeq, toSeq, bytes, 0, 0, 0);
  }

  /** A segment or index of entries and no events. */
  public TranscriptSegment(String key, long fromSeq, long toSeq, long bytes, int level) {
    this(key, fromSeq, toSeq, bytes, level, 0, 0);
  }

  /** True when the blob holds segment references rather than entries. */
  public boolean refersToSegments() {
    return level > 0;
  }

  /** True when entry {@code seq} is in this segment. */
  public boolean holds(long seq) {
    return seq >= fromSeq && seq <= toSeq;
  }

  /** True when the blob (or, for an index, a segment it refers to) holds events. */
  public boolean holdsEvents() {
    return eventsTo > 0;
  }

  /** True when it holds an event with a sequence number greater than {@code afterSeq}. */
  public boolean holdsEventsAfter(long afterSeq) {
    return eventsTo > afterSeq && holdsEvents();
  }
}
