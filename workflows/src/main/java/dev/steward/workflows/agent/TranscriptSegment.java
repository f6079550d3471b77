package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A reference to a run of old transcript entries kept in the blob store instead of the workflow's
 * state, so the state an agent carries does not grow with its age.
 *
 * @param key the blob's key: a hash of the segment's bytes, so writing the same entries again names the same blob
 * @param fromSeq the first entry's sequence number
 * @param toSeq the last entry's sequence number
 * @param bytes the size of the stored segment
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TranscriptSegment(String key, long fromSeq, long toSeq, long bytes) {

  /** True when entry {@code seq} is in this segment. */
  public boolean holds(long seq) {
    return seq >= fromSeq && seq <= toSeq;
  }
}
