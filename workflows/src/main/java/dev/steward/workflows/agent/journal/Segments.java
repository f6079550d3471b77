package dev.steward.workflows.agent.journal;

import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.memory.SegmentActivities;
import dev.steward.workflows.memory.SegmentRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Moves folded transcript entries out of the workflow's state into segments in the blob store, a
 * full segment at a time, and reads them back when the workflow needs them again (a rewind).
 */
public final class Segments {

  private static final Logger log = Workflow.getLogger(Segments.class);

  private Segments() {}

  /**
   * Writes full segments of {@code size} entries while at least that many held entries are at or
   * before {@code foldedThrough} (entries the model no longer sees). A failed write leaves the entries
   * where they are, to be tried again after a later turn.
   *
   * @return how many segments were written
   */
  public static int flush(Journal journal, String agentId, long foldedThrough, int size) {
    int written = 0;
    while (foldedThrough - journal.segmentedThrough() >= size) {
      long from = journal.segmentedThrough() + 1;
      long to = journal.segmentedThrough() + size;
      try {
        journal.segmented(stub("store transcript entries " + from + "–" + to).write(new SegmentRequest(agentId, from, to)));
        written++;
      } catch (ActivityFailure e) {
        log.warn("agent {} keeps transcript entries {}–{} in its state: {}", agentId, from, to, Text.describe(e));
        return written;
      }
    }
    return written;
  }

  /** The entries of every segment, read from the blob store by an activity. */
  public static List<TranscriptEntry> read(List<TranscriptSegment> segments) {
    return stub("read " + segments.size() + " transcript segments").read(segments);
  }

  private static SegmentActivities stub(String summary) {
    return Workflow.newActivityStub(SegmentActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(5)
            .setDoNotRetry(SegmentActivities.SEGMENT_UNAVAILABLE)
            .build())
        .setSummary(summary)
        .build());
  }
}
