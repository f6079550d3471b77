package dev.steward.workflows.memory;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Moves old transcript entries into the blob store, and reads them back when the workflow needs them (a rewind). */
@ActivityInterface
public interface SegmentActivities {

  /** The error type of a segment that cannot be read or written; not retried once the store said why. */
  String SEGMENT_UNAVAILABLE = "TranscriptSegmentUnavailable";

  /** Stores entries {@code fromSeq..toSeq} of the calling agent as one segment; returns its reference. */
  @ActivityMethod(name = "WriteTranscriptSegment")
  TranscriptSegment write(SegmentRequest request);

  /**
   * Stores these references (consecutive, of one level) as one index segment a level up; returns its
   * reference. Since change id {@code bounded-carried-state}.
   */
  @ActivityMethod(name = "WriteSegmentIndex")
  TranscriptSegment index(List<TranscriptSegment> segments);

  /** The entries of these segments (index segments read through), oldest first. */
  @ActivityMethod(name = "ReadTranscriptSegments")
  List<TranscriptEntry> read(List<TranscriptSegment> segments);
}
