package dev.steward.workflows.memory;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where transcript segments are kept: the process's blob store, seen through the few calls segments
 * need (the worker and the client adapt {@code dev.steward.payloads.BlobStore} to it).
 */
public interface SegmentStore {

  void put(String key, byte[] bytes) throws IOException;

  /** The bytes under the key; throws {@link java.io.FileNotFoundException} when there are none. */
  byte[] get(String key) throws IOException;

  /** A short description for error messages. */
  String describe();

  /**
   * The entries of one segment (an index read through, level by level); fails naming the segment
   * and the store when it cannot be read.
   */
  default List<TranscriptEntry> read(TranscriptSegment segment) {
    return readFrom(segment, 1, Integer.MAX_VALUE);
  }

  /**
   * Up to {@code limit} entries of the segment from {@code fromSeq} on: of an index, only the
   * segments that hold them are read.
   */
  default List<TranscriptEntry> readFrom(TranscriptSegment segment, long fromSeq, int limit) {
    List<TranscriptEntry> out = new ArrayList<>();
    collect(segment, fromSeq, limit, out);
    return out;
  }

  /** The references an index segment holds. */
  default List<TranscriptSegment> references(TranscriptSegment index) {
    return TranscriptSegments.decodeIndex(index, bytesOf(index));
  }

  private void collect(TranscriptSegment segment, long fromSeq, int limit, List<TranscriptEntry> out) {
    if (out.size() >= limit || segment.toSeq() < fromSeq) {
      return;
    }
    if (segment.refersToSegments()) {
      for (TranscriptSegment s : references(segment)) {
        collect(s, fromSeq, limit, out);
      }
      return;
    }
    for (TranscriptEntry e : TranscriptSegments.decode(segment, bytesOf(segment))) {
      if (e.seq() >= fromSeq && out.size() < limit) {
        out.add(e);
      }
    }
  }

  /**
   * Up to {@code limit} of the events these segments hold after {@code afterSeq}, oldest first: of an
   * index, only the segments that hold such events are read.
   */
  default List<AgentEvent> readEvents(List<TranscriptSegment> segments, long afterSeq, int limit) {
    List<AgentEvent> out = new ArrayList<>();
    for (TranscriptSegment s : segments) {
      collectEvents(s, afterSeq, limit, out);
    }
    return out;
  }

  private void collectEvents(TranscriptSegment segment, long afterSeq, int limit, List<AgentEvent> out) {
    if (out.size() >= limit || !segment.holdsEventsAfter(afterSeq)) {
      return;
    }
    if (segment.refersToSegments()) {
      for (TranscriptSegment s : references(segment)) {
        collectEvents(s, afterSeq, limit, out);
      }
      return;
    }
    for (AgentEvent e : TranscriptSegments.decodeEvents(segment, bytesOf(segment))) {
      if (e.seq() > afterSeq && out.size() < limit) {
        out.add(e);
      }
    }
  }

  private byte[] bytesOf(TranscriptSegment segment) {
    try {
      return get(segment.key());
    } catch (IOException | RuntimeException e) {
      String reason = String.valueOf(e.getMessage());
      throw new SegmentUnavailableException("cannot read transcript " + TranscriptSegments.name(segment) + " from "
          + describe() + ": " + reason + (reason.contains("STEWARD_BLOBS") ? ""
              : "; every Steward process (worker, gateway, CLI) must use the same blob store (STEWARD_BLOBS)"), e);
    }
  }

  /** The entries of these segments, oldest first. */
  default List<TranscriptEntry> readAll(List<TranscriptSegment> segments) {
    List<TranscriptEntry> out = new ArrayList<>();
    for (TranscriptSegment s : segments) {
      out.addAll(read(s));
    }
    return out;
  }

  /** A segment that could not be read: the store is unreachable or the blob is missing. */
  final class SegmentUnavailableException extends RuntimeException {
    public SegmentUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
