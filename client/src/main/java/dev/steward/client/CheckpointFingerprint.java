package dev.steward.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steward.workflows.agent.AgentCheckpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable name for a checkpoint's content: the same export imported twice has the same
 * fingerprint in any JVM, so the second import can tell it is a repeat.
 */
final class CheckpointFingerprint {

  /** The records that leave defaults out of the history written with every field, as before, so fingerprints still match. */
  private static final ObjectMapper JSON = EveryFieldJson.of(new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS));

  private CheckpointFingerprint() {}

  static String of(AgentCheckpoint checkpoint) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(checkpoint).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a checkpoint", e);
    }
  }

  /** The JSON the fingerprint is taken of. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint a checkpoint", e);
    }
  }
}
