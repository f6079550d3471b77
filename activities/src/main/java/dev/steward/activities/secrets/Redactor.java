package dev.steward.activities.secrets;

import io.temporal.failure.ApplicationFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces the values of credentials this worker has read with {@code [redacted: NAME]} in text
 * that leaves the worker (tool results, failure messages, logs), since Temporal stores that text in
 * the workflow's history and the model reads it.
 *
 * <p>The worker has one (see {@link #worker()}): an MCP connection resolves its headers once and
 * serves later activities, so a per-call list would miss its values. Values live only in memory.
 * Values shorter than {@value #MIN_LENGTH} characters are not redacted: replacing them would blot
 * out ordinary words and reveal them anyway.
 */
public final class Redactor {

  /** The shortest value redacted, in characters. */
  public static final int MIN_LENGTH = 8;

  private static final Redactor WORKER = new Redactor();

  /** A value to the name of the variable it came from. */
  private final Map<String, String> names = new ConcurrentHashMap<>();

  /** The worker process's redactor, which {@link Credentials} fills. */
  public static Redactor worker() {
    return WORKER;
  }

  /** Remembers {@code value} (as read and with its line breaks trimmed) as the value of {@code name}. */
  public void remember(String name, String value) {
    if (value == null) {
      return;
    }
    for (String v : List.of(value, value.strip(), Credentials.trimLineBreaks(value))) {
      if (v.length() >= MIN_LENGTH) {
        names.putIfAbsent(v, name);
      }
    }
  }

  /** {@code text} with every remembered value replaced, longest first; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty() || names.isEmpty()) {
      return text;
    }
    List<Map.Entry<String, String>> byLength = names.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed())
        .toList();
    String out = text;
    for (Map.Entry<String, String> e : byLength) {
      if (out.contains(e.getKey())) {
        out = out.replace(e.getKey(), "[redacted: " + e.getValue() + "]");
      }
    }
    return out;
  }

  /** Whether {@code error} or any of its causes mentions a remembered value. */
  public boolean mentions(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
      if (message != null && !message.equals(redact(message))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code error} as Temporal may record it: itself when it mentions no secret, otherwise a copy
   * with redacted messages (type, retry settings and stack traces kept). A failure that is not an
   * {@link ApplicationFailure} becomes one of the same type name, still retryable.
   */
  public RuntimeException scrub(RuntimeException error) {
    return mentions(error) ? copy(error) : error;
  }

  private RuntimeException copy(Throwable error) {
    Throwable cause = error.getCause() == null || error.getCause() == error ? null : copy(error.getCause());
    ApplicationFailure out;
    if (error instanceof ApplicationFailure a) {
      out = ApplicationFailure.newBuilder(a).setMessage(redact(a.getOriginalMessage())).setCause(cause).build();
    } else {
      out = ApplicationFailure.newBuilder()
          .setType(error.getClass().getName())
          .setMessage(redact(error.getMessage()))
          .setCause(cause)
          .build();
    }
    out.setStackTrace(error.getStackTrace());
    return out;
  }
}
