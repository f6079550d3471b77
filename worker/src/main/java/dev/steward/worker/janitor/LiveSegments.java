package dev.steward.worker.janitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.payloads.SealedBlobs;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.memory.TranscriptSegments;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The transcript segments that agents still need, found in their histories: the segments a run
 * started with (its carried state) and those its {@code WriteTranscriptSegment} and
 * {@code WriteSegmentIndex} activities wrote, index segments read through to the segments they hold.
 * A superset of what the agent holds now (a rewind drops references): keeping too much is safe.
 */
final class LiveSegments {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataConverter converter;
  private final SealedBlobs blobs;
  private final Set<String> keys = new HashSet<>();
  /** Activity types by the id of their scheduled event, within the history being read. */
  private final Map<Long, String> scheduled = new HashMap<>();

  LiveSegments(DataConverter converter, SealedBlobs blobs) {
    this.converter = converter;
    this.blobs = blobs;
  }

  private String failure;

  /** Reads one history, noting (not throwing) why it could not be read; see {@link #failure()}. */
  void readOrNote(Iterable<HistoryEvent> history) {
    if (failure != null) {
      return;
    }
    try {
      read(history);
    } catch (RuntimeException e) {
      failure = e.toString();
    }
  }

  /** Why some history could not be read, or null. */
  String failure() {
    return failure;
  }

  /** The keys of every segment (and index segment) found so far. */
  Set<String> keys() {
    return keys;
  }

  /** Reads one history; throws when a payload or an index segment cannot be read, so nothing is removed blind. */
  void read(Iterable<HistoryEvent> history) {
    scheduled.clear();
    for (HistoryEvent e : history) {
      if (e.hasWorkflowExecutionStartedEventAttributes()) {
        var started = e.getWorkflowExecutionStartedEventAttributes();
        if (started.getWorkflowType().getName().equals(AgentWorkflow.TYPE)) {
          started.getInput().getPayloadsList().forEach(p -> decode(p).path("carried").path("segments").forEach(this::mark));
        }
      } else if (e.hasActivityTaskScheduledEventAttributes()) {
        scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
      } else if (e.hasActivityTaskCompletedEventAttributes()) {
        var completed = e.getActivityTaskCompletedEventAttributes();
        String type = scheduled.getOrDefault(completed.getScheduledEventId(), "");
        if (type.equals("WriteTranscriptSegment") || type.equals("WriteSegmentIndex")) {
          completed.getResult().getPayloadsList().forEach(p -> mark(decode(p)));
        }
      }
    }
  }

  private JsonNode decode(Payload payload) {
    return converter.fromPayload(payload, JsonNode.class, JsonNode.class);
  }

  private void mark(JsonNode reference) {
    TranscriptSegment segment = JSON.convertValue(reference, TranscriptSegment.class);
    if (segment.key() == null || !keys.add(segment.key()) || !segment.refersToSegments()) {
      return;
    }
    try {
      for (TranscriptSegment held : TranscriptSegments.decodeIndex(segment, blobs.get(segment.key()))) {
        mark(JSON.valueToTree(held));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read segment index " + segment.key() + " from " + blobs.describe(), e);
    }
  }
}
