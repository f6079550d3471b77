package dev.steward.workflows.memory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The stored form of a transcript segment, shared by the activity that writes segments and every
 * reader (client, gateway, CLI, activities): JSON of the entries, named by the SHA-256 of those bytes,
 * so writing the same entries twice (a retried activity) names the same blob. A segment that also
 * holds events (change id {@code events-in-segments}) is a JSON object {@code {"entries": [...],
 * "events": [...]}}; one without stays a plain array, byte for byte as before.
 */
public final class TranscriptSegments {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TranscriptEntry>> ENTRIES = new TypeReference<>() {};
  private static final TypeReference<List<TranscriptSegment>> REFERENCES = new TypeReference<>() {};
  private static final TypeReference<List<AgentEvent>> EVENTS = new TypeReference<>() {};

  private TranscriptSegments() {}

  public static byte[] encode(List<TranscriptEntry> entries) {
    try {
      return JSON.writeValueAsBytes(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored form of entries and the events stored with them: a plain array when there are no events. */
  public static byte[] encode(List<TranscriptEntry> entries, List<AgentEvent> events) {
    if (events == null || events.isEmpty()) {
      return encode(entries);
    }
    try {
      return JSON.writeValueAsBytes(new WithEvents(entries, events));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored form of a segment holding events too. */
  private record WithEvents(List<TranscriptEntry> entries, List<AgentEvent> events) {}

  /** The entries of a stored segment; fails naming the segment when the bytes are not one. */
  public static List<TranscriptEntry> decode(TranscriptSegment segment, byte[] bytes) {
    try {
      JsonNode tree = JSON.readTree(bytes);
      return JSON.convertValue(tree.isObject() ? tree.path("entries") : tree, ENTRIES);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("transcript segment " + segment.key() + " (entries " + segment.fromSeq() + "–"
          + segment.toSeq() + ") is not readable: " + e.getMessage(), e);
    }
  }

  /** The events stored with a segment's entries, oldest first; none for a segment that holds none. */
  public static List<AgentEvent> decodeEvents(TranscriptSegment segment, byte[] bytes) {
    try {
      JsonNode tree = JSON.readTree(bytes);
      return tree.isObject() ? JSON.convertValue(tree.path("events"), EVENTS) : List.of();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("transcript segment " + segment.key() + " (events " + segment.eventsFrom() + "–"
          + segment.eventsTo() + ") is not readable: " + e.getMessage(), e);
    }
  }

  /** The stored form of an index segment: JSON of the references it holds. */
  public static byte[] encodeIndex(List<TranscriptSegment> references) {
    try {
      return JSON.writeValueAsBytes(references);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The references an index segment holds; fails naming the segment when the bytes are not an index. */
  public static List<TranscriptSegment> decodeIndex(TranscriptSegment index, byte[] bytes) {
    try {
      return JSON.readValue(bytes, REFERENCES);
    } catch (IOException e) {
      throw new IllegalStateException("segment index " + index.key() + " (entries " + index.fromSeq() + "–"
          + index.toSeq() + ") is not readable: " + e.getMessage(), e);
    }
  }

  /**
   * The reference to an index of these references (one level above theirs), stored as {@code bytes};
   * it holds the events its references hold (the first of the first that holds any to the last of the last).
   */
  public static TranscriptSegment describeIndex(List<TranscriptSegment> references, byte[] bytes) {
    TranscriptSegment first = references.get(0);
    TranscriptSegment last = references.get(references.size() - 1);
    long eventsFrom = references.stream().filter(TranscriptSegment::holdsEvents)
        .mapToLong(TranscriptSegment::eventsFrom).min().orElse(0);
    long eventsTo = references.stream().mapToLong(TranscriptSegment::eventsTo).max().orElse(0);
    return new TranscriptSegment(keyOf(bytes), first.fromSeq(), last.toSeq(), bytes.length, first.level() + 1,
        eventsFrom, eventsTo);
  }

  /** The blob key of these bytes: their SHA-256 in hex. */
  public static String keyOf(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reference to these entries once stored as {@code bytes}. */
  public static TranscriptSegment describe(List<TranscriptEntry> entries, byte[] bytes) {
    return new TranscriptSegment(keyOf(bytes), entries.get(0).seq(), entries.get(entries.size() - 1).seq(), bytes.length);
  }

  /** The reference to these entries and events once stored as {@code bytes}. */
  public static TranscriptSegment describe(List<TranscriptEntry> entries, List<AgentEvent> events, byte[] bytes) {
    TranscriptSegment plain = describe(entries, bytes);
    if (events == null || events.isEmpty()) {
      return plain;
    }
    return new TranscriptSegment(plain.key(), plain.fromSeq(), plain.toSeq(), plain.bytes(), 0, events.get(0).seq(),
        events.get(events.size() - 1).seq());
  }

  /** For messages: a short name of the segment. */
  public static String name(TranscriptSegment s) {
    return "segment " + s.key().substring(0, 12) + " (entries " + s.fromSeq() + "–" + s.toSeq() + ")";
  }

}
