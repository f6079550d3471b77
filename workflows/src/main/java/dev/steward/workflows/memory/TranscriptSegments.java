package dev.steward.workflows.memory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * so writing the same entries twice (a retried activity) names the same blob.
 */
public final class TranscriptSegments {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TranscriptEntry>> ENTRIES = new TypeReference<>() {};
  private static final TypeReference<List<TranscriptSegment>> REFERENCES = new TypeReference<>() {};

  private TranscriptSegments() {}

  public static byte[] encode(List<TranscriptEntry> entries) {
    try {
      return JSON.writeValueAsBytes(entries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a stored segment; fails naming the segment when the bytes are not one. */
  public static List<TranscriptEntry> decode(TranscriptSegment segment, byte[] bytes) {
    try {
      return JSON.readValue(bytes, ENTRIES);
    } catch (IOException e) {
      throw new IllegalStateException("transcript segment " + segment.key() + " (entries " + segment.fromSeq() + "–"
          + segment.toSeq() + ") is not readable: " + e.getMessage(), e);
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

  /** The reference to an index of these references (one level above theirs), stored as {@code bytes}. */
  public static TranscriptSegment describeIndex(List<TranscriptSegment> references, byte[] bytes) {
    TranscriptSegment first = references.get(0);
    TranscriptSegment last = references.get(references.size() - 1);
    return new TranscriptSegment(keyOf(bytes), first.fromSeq(), last.toSeq(), bytes.length, first.level() + 1);
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

  /** For messages: a short name of the segment. */
  public static String name(TranscriptSegment s) {
    return "segment " + s.key().substring(0, 12) + " (entries " + s.fromSeq() + "–" + s.toSeq() + ")";
  }

}
