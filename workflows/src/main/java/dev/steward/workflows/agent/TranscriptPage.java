package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A page of the transcript.
 *
 * @param entries the entries, oldest first
 * @param nextSeq the {@code fromSeq} of the next page, or 0 when this is the last page
 * @param total how many entries the transcript has in all
 * @param segments when {@code fromSeq} is in an older part kept in the blob store: the segment that
 *     holds it (read it from the store; {@code nextSeq} is the entry after it); else empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptPage(List<TranscriptEntry> entries, long nextSeq, long total,
    List<TranscriptSegment> segments) {

  public TranscriptPage {
    segments = segments == null ? List.of() : List.copyOf(segments);
  }

  /** A page of entries the agent holds. */
  public TranscriptPage(List<TranscriptEntry> entries, long nextSeq, long total) {
    this(entries, nextSeq, total, List.of());
  }
}
