package dev.steward.workflows.agent;

import dev.steward.workflows.memory.SegmentActivities;
import dev.steward.workflows.memory.SegmentRequest;
import dev.steward.workflows.memory.SegmentStore;
import dev.steward.workflows.memory.TranscriptSegments;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transcript segments for workflow tests: kept in memory, the entries read from the agent by query
 * like the real activity does (and the events a request names, by the {@code events} query).
 */
final class FakeSegments implements SegmentActivities {

  /** Every stored segment, by key; shared by all kits so a test can read what an agent stored. */
  static final Map<String, byte[]> BLOBS = new ConcurrentHashMap<>();

  static final SegmentStore STORE = new SegmentStore() {
    @Override public void put(String key, byte[] bytes) { BLOBS.put(key, bytes); }

    @Override
    public byte[] get(String key) throws FileNotFoundException {
      byte[] b = BLOBS.get(key);
      if (b == null) {
        throw new FileNotFoundException("no blob " + key);
      }
      return b;
    }

    @Override public String describe() { return "the test's memory"; }
  };

  @Override
  public TranscriptSegment write(SegmentRequest request) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    WorkflowStub agent = Activity.getExecutionContext().getWorkflowClient()
        .newUntypedWorkflowStub(info.getWorkflowId(), Optional.of(info.getRunId()), Optional.of(AgentWorkflow.TYPE));
    List<TranscriptEntry> entries = new ArrayList<>();
    long next = request.fromSeq();
    while (next > 0 && next <= request.toSeq()) {
      TranscriptPage page = agent.query("transcript", TranscriptPage.class, next, 500);
      page.entries().stream().filter(e -> e.seq() <= request.toSeq()).forEach(entries::add);
      next = page.nextSeq();
    }
    List<AgentEvent> events = new ArrayList<>();
    for (long after = request.eventsFrom() - 1; request.withEvents() && after < request.eventsTo(); ) {
      List<AgentEvent> held = agent.query("events", EventPage.class, after).events();
      if (held.isEmpty()) {
        break;
      }
      held.stream().filter(e -> e.seq() <= request.eventsTo()).forEach(events::add);
      after = held.get(held.size() - 1).seq();
    }
    byte[] bytes = TranscriptSegments.encode(entries, events);
    TranscriptSegment segment = TranscriptSegments.describe(entries, events, bytes);
    BLOBS.put(segment.key(), bytes);
    return segment;
  }

  @Override
  public TranscriptSegment index(List<TranscriptSegment> segments) {
    byte[] bytes = TranscriptSegments.encodeIndex(segments);
    TranscriptSegment index = TranscriptSegments.describeIndex(segments, bytes);
    BLOBS.put(index.key(), bytes);
    return index;
  }

  @Override
  public List<TranscriptEntry> read(List<TranscriptSegment> segments) {
    try {
      return STORE.readAll(segments);
    } catch (SegmentStore.SegmentUnavailableException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), SEGMENT_UNAVAILABLE);
    }
  }
}
