package dev.steward.activities.model.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.MessageCreateParams;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Messages API request body strictly with the official Anthropic Java SDK's request type,
 * {@link MessageCreateParams.Body}, which is generated from Anthropic's OpenAPI specification
 * (Anthropic publishes no OpenAPI document in a registry reachable here; the SDK is its
 * published, versioned form). The SDK is lenient on purpose: it keeps unknown fields aside and
 * checks types only when asked. Strictly here means: it parses, {@code validate()} passes (every
 * required field present, every value of its type, every union a known variant), and no object at
 * any depth kept an unknown field.
 */
final class AnthropicPublishedTypes {

  /** The SDK sends {@code stream} itself, outside its types, when it streams; so may Steward. */
  private static final Set<String> STREAMING_FIELDS = Set.of("stream");

  private AnthropicPublishedTypes() {}

  /** The problems of {@code json} as a Messages request body; empty when there are none. */
  static List<String> problems(String json) {
    MessageCreateParams.Body body;
    try {
      body = ObjectMappers.jsonMapper().readValue(json, MessageCreateParams.Body.class);
    } catch (Exception e) {
      return List.of("does not parse as MessageCreateParams.Body: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    try {
      body.validate();
    } catch (RuntimeException e) {
      problems.add("validate(): " + e.getMessage());
    }
    body._additionalProperties().keySet().stream().filter(k -> !STREAMING_FIELDS.contains(k))
        .forEach(k -> problems.add("$." + k + ": not a field of MessageCreateParams.Body"));
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (Method m : accessors(body.getClass())) {
      walk(invoke(m, body), "$." + m.getName(), problems, seen);
    }
    return problems;
  }

  /** Looks into every SDK object reached through its accessors for fields it did not know. */
  private static void walk(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
    if (value == null || seen.put(value, true) != null) {
      return;
    }
    if (value instanceof Optional<?> optional) {
      optional.ifPresent(v -> walk(v, path, problems, seen));
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", problems, seen);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("com.anthropic.models.")) {
      return;
    }
    Method additional = method(value.getClass(), "_additionalProperties");
    if (additional != null && !freeForm(value.getClass()) && invoke(additional, value) instanceof Map<?, ?> unknown) {
      unknown.keySet().forEach(k -> problems.add(path + "." + k + ": not a field of "
          + value.getClass().getSimpleName()));
    }
    for (Method m : accessors(value.getClass())) {
      walk(invoke(m, value), path + "." + m.getName(), problems, seen);
    }
  }

  /**
   * The plain accessors that lead to nested SDK objects: public, no arguments, returning an
   * Optional, a list or an SDK type; not the union casts ({@code asX}, which throw for the other
   * variants), tests ({@code isX}), raw views ({@code _x}) or open enums' {@code known()}.
   */
  private static List<Method> accessors(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      String name = m.getName();
      Class<?> returns = m.getReturnType();
      boolean leads = returns == Optional.class || List.class.isAssignableFrom(returns)
          || returns.getName().startsWith("com.anthropic.models.");
      if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && leads
          && !name.startsWith("_") && !name.startsWith("as") && !name.startsWith("is")
          && !name.equals("known") && !name.equals("value") && !name.equals("validate") && !name.equals("toBuilder")) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * A type that declares no fields of its own and keeps everything it is given: the spec's free-form
   * objects (a tool's {@code input}, an {@code input_schema}'s {@code properties}, an output schema),
   * whose content is the caller's.
   */
  private static boolean freeForm(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.getName().startsWith("_") && !m.getName().equals("_additionalProperties") && m.getParameterCount() == 0
          && m.getReturnType().getName().equals("com.anthropic.core.JsonField")) {
        return false;
      }
    }
    return true;
  }

  private static Method method(Class<?> type, String name) {
    try {
      return type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
