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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * Moves folded transcript entries out of the workflow's state into segments in the blob store, and
 * reads them back when the workflow needs them again (a rewind). Since change id
 * {@code folded-entries-written-at-once} every folded entry leaves after the turn that folded it;
 * before it they waited for a full segment. Since change id {@code bounded-carried-state} the
 * references themselves do not pile up either: once a level holds more than
 * {@link StateBounds#SEGMENT_FANOUT}, its oldest ones go into an index segment one level up, so an
 * agent holds a few references per level (levels grow with the log of its age).
 */
public final class Segments {

  private static final Logger log = Workflow.getLogger(Segments.class);

  private Segments() {}

  /**
   * Writes the held entries at or before {@code foldedThrough} (entries the model no longer sees) as
   * segments of {@code size} entries, and the fewer left over as one more segment when
   * {@code partToo} says so (asked only when some are left over: it may record a version marker). A
   * failed write leaves the entries where they are, to be tried again after a later turn.
   *
   * <p>The first segment also takes the held events {@code events[0]..events[1]} (none when 0; change id
   * {@code events-in-segments}), which the journal then drops; a failed write leaves them too.
   *
   * @return how many segments were written
   */
  public static int flush(Journal journal, String agentId, long foldedThrough, int size, BooleanSupplier partToo,
      long[] events) {
    int written = 0;
    while (foldedThrough > journal.segmentedThrough()) {
      long waiting = foldedThrough - journal.segmentedThrough();
      if (waiting < size && !partToo.getAsBoolean()) {
        break;
      }
      long from = journal.segmentedThrough() + 1;
      long to = journal.segmentedThrough() + Math.min(waiting, size);
      try {
        SegmentRequest request = written == 0 && events[1] > 0
            ? new SegmentRequest(agentId, from, to, events[0], events[1])
            : new SegmentRequest(agentId, from, to);
        String what = "store transcript entries " + from + "–" + to
            + (request.withEvents() ? " and events " + events[0] + "–" + events[1] : "");
        journal.segmented(stub(what).write(request));
        written++;
      } catch (ActivityFailure e) {
        log.warn("agent {} keeps transcript entries {}–{} in its state: {}", agentId, from, to, Text.describe(e));
        return written;
      }
    }
    if (written > 0 && StateBounds.bounded()) {
      index(journal, agentId);
    }
    return written;
  }

  /**
   * Folds the oldest {@link StateBounds#SEGMENT_FANOUT} references of the lowest level that has more
   * than that into one index segment, until no level has. References run oldest first and levels
   * never rise along them, so the references of one level sit together. A failed write leaves the
   * references as they are, to be folded after a later turn.
   */
  static void index(Journal journal, String agentId) {
    while (true) {
      List<TranscriptSegment> refs = journal.segments();
      int from = -1;
      for (int level = 0; from < 0 && level <= maxLevel(refs); level++) {
        from = firstOfCrowded(refs, level);
      }
      if (from < 0) {
        return;
      }
      List<TranscriptSegment> folded = List.copyOf(refs.subList(from, from + StateBounds.SEGMENT_FANOUT));
      try {
        journal.indexed(from, folded.size(), stub("index transcript entries " + folded.get(0).fromSeq() + "–"
            + folded.get(folded.size() - 1).toSeq()).index(folded));
      } catch (ActivityFailure e) {
        log.warn("agent {} keeps {} segment references in its state: {}", agentId, refs.size(), Text.describe(e));
        return;
      }
    }
  }

  private static int maxLevel(List<TranscriptSegment> refs) {
    return refs.stream().mapToInt(TranscriptSegment::level).max().orElse(0);
  }

  /** The position of the first reference of {@code level} when more than a fan-out of them are held; else -1. */
  private static int firstOfCrowded(List<TranscriptSegment> refs, int level) {
    int first = -1;
    int count = 0;
    for (int i = 0; i < refs.size(); i++) {
      if (refs.get(i).level() == level) {
        first = first < 0 ? i : first;
        count++;
      }
    }
    return count > StateBounds.SEGMENT_FANOUT ? first : -1;
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
