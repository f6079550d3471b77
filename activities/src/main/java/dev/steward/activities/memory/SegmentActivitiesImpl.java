package dev.steward.activities.memory;

import dev.steward.activities.context.AgentContexts;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.memory.SegmentActivities;
import dev.steward.workflows.memory.SegmentRequest;
import dev.steward.workflows.memory.SegmentStore;
import dev.steward.workflows.memory.TranscriptSegments;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.List;

/**
 * Writes transcript segments to the blob store and reads them back. The entries come from the agent
 * by query (the run that scheduled the activity), and the blob's key is the hash of their bytes, so
 * a retry after a crash writes the same blob again. Since change id {@code events-in-segments} a
 * request may name events too: they are read by query the same way and stored with the entries.
 */
public class SegmentActivitiesImpl implements SegmentActivities {

  private final SegmentStore store;

  public SegmentActivitiesImpl(SegmentStore store) {
    this.store = store;
  }

  @Override
  public TranscriptSegment write(SegmentRequest request) {
    List<TranscriptEntry> entries = AgentContexts.transcript(request.fromSeq(), request.toSeq());
    if (entries.size() != request.toSeq() - request.fromSeq() + 1) {
      throw ApplicationFailure.newNonRetryableFailure("agent " + request.agentId() + " returned " + entries.size()
          + " entries for " + request.fromSeq() + "–" + request.toSeq(), SEGMENT_UNAVAILABLE);
    }
    List<AgentEvent> events = request.withEvents()
        ? AgentContexts.events(request.eventsFrom(), request.eventsTo())
        : List.of();
    return write(entries, events);
  }

  /** Stores these entries as one segment; separate from the query so it can be tested alone. */
  public TranscriptSegment write(List<TranscriptEntry> entries) {
    return write(entries, List.of());
  }

  /**
   * Stores these entries and events as one segment; its reference names the events it holds (none when
   * the list is empty), so the agent drops exactly those.
   */
  public TranscriptSegment write(List<TranscriptEntry> entries, List<AgentEvent> events) {
    byte[] bytes = TranscriptSegments.encode(entries, events);
    return put(TranscriptSegments.describe(entries, events, bytes), bytes, "transcript ");
  }

  @Override
  public TranscriptSegment index(List<TranscriptSegment> segments) {
    byte[] bytes = TranscriptSegments.encodeIndex(segments);
    return put(TranscriptSegments.describeIndex(segments, bytes), bytes, "segment index ");
  }

  private TranscriptSegment put(TranscriptSegment segment, byte[] bytes, String what) {
    try {
      store.put(segment.key(), bytes);
    } catch (IOException e) {
      // Retried: a store that is briefly unreachable should not cost the agent its bounded state.
      throw ApplicationFailure.newFailure("cannot write " + what + TranscriptSegments.name(segment) + " to "
          + store.describe() + ": " + e.getMessage(), "TranscriptSegmentWriteFailed");
    }
    return segment;
  }

  @Override
  public List<TranscriptEntry> read(List<TranscriptSegment> segments) {
    try {
      return store.readAll(segments);
    } catch (SegmentStore.SegmentUnavailableException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), SEGMENT_UNAVAILABLE);
    }
  }
}
