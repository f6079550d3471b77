package dev.steward.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.model.TokenUsage;
import java.util.Set;

/**
 * JSON with every field of the agent records that leave their defaults out of the history (since
 * the second history-bytes cut): what scripts read from the CLI keeps its fields ({@code costUsd: 0},
 * {@code error: null}), and checkpoint fingerprints match those of earlier releases.
 */
public final class EveryFieldJson {

  private static final Set<Class<?>> RECORDS = Set.of(TurnOutcome.class, UserMessage.class, TokenUsage.class);

  private EveryFieldJson() {}

  /** {@code mapper}, set to write those records with every field. */
  public static ObjectMapper of(ObjectMapper mapper) {
    return mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
      @Override
      public JsonInclude.Value findPropertyInclusion(Annotated a) {
        return RECORDS.contains(owner(a)) ? JsonInclude.Value.empty() : super.findPropertyInclusion(a);
      }
    });
  }

  private static Class<?> owner(Annotated a) {
    return a instanceof AnnotatedMember member ? member.getDeclaringClass()
        : a instanceof AnnotatedClass type ? type.getRawType() : null;
  }
}
