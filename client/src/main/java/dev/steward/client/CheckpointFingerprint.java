package dev.steward.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import dev.steward.workflows.agent.AgentCheckpoint;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.model.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A short, stable name for a checkpoint's content: the same export imported twice has the same
 * fingerprint in any JVM, so the second import can tell it is a repeat.
 */
final class CheckpointFingerprint {

  /**
   * Records of the agent's state that leave their defaults out of the history since the second
   * history-bytes cut. Written here with every field, as before, so an export imported by an earlier
   * release is still recognised when it is imported again.
   */
  private static final Set<Class<?>> WITH_EVERY_FIELD = Set.of(TurnOutcome.class, UserMessage.class, TokenUsage.class);

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public JsonInclude.Value findPropertyInclusion(Annotated a) {
          return WITH_EVERY_FIELD.contains(owner(a)) ? JsonInclude.Value.empty() : super.findPropertyInclusion(a);
        }
      });

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

  private static Class<?> owner(Annotated a) {
    return a instanceof AnnotatedMember member ? member.getDeclaringClass()
        : a instanceof AnnotatedClass type ? type.getRawType() : null;
  }
}
