package dev.steward.activities.model.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;

/**
 * What a provider said in an error body. The shapes understood:
 *
 * <ul>
 *   <li>OpenAI: {@code {"error":{"message":"...","type":"...","code":"..."}}}
 *   <li>Anthropic: {@code {"type":"error","error":{"type":"overloaded_error","message":"..."}}}
 *   <li>Gemini (Google API errors): {@code {"error":{"code":429,"status":"RESOURCE_EXHAUSTED",
 *       "message":"...","details":[{"@type":"...ErrorInfo","reason":"API_KEY_INVALID"},
 *       {"@type":"...RetryInfo","retryDelay":"37s"}]}}}
 *   <li>Ollama and other compatible servers: {@code {"error":"..."}} or {@code {"message":"..."}}
 * </ul>
 *
 * Anything else is kept as trimmed text.
 *
 * @param message the provider's explanation, at most {@value #MAX_MESSAGE_CHARS} characters
 * @param type the error's type or Google status, e.g. {@code invalid_request_error} or
 *     {@code RESOURCE_EXHAUSTED}, or empty
 * @param code the error's code, e.g. {@code insufficient_quota}, or a Google {@code ErrorInfo}
 *     reason, e.g. {@code API_KEY_INVALID}, or empty
 * @param retryDelay the wait a Google {@code RetryInfo} detail asks for, if any
 */
public record ProviderError(String message, String type, String code, Optional<Duration> retryDelay) {

  static final int MAX_MESSAGE_CHARS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProviderError(String message, String type, String code) {
    this(message, type, code, Optional.empty());
  }

  /** Reads a response body; never fails. */
  public static ProviderError parse(String body) {
    if (body == null || body.isBlank()) {
      return new ProviderError("(empty response body)", "", "");
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.path("error");
      if (error.isObject()) {
        JsonNode status = error.path("status");
        String type = status.isTextual() ? status.asText() : text(error, "type", "");
        String code = error.path("code").isTextual() ? error.path("code").asText() : reason(error.path("details"));
        return new ProviderError(
            shorten(text(error, "message", body)), type, code, retryDelay(error.path("details")));
      }
      if (error.isTextual()) {
        return new ProviderError(shorten(error.asText()), "", "");
      }
      if (root.path("message").isTextual()) {
        return new ProviderError(shorten(root.path("message").asText()), "", "");
      }
    } catch (Exception e) {
      // Not JSON (an HTML page from a proxy, say): fall through and keep it as text.
    }
    return new ProviderError(shorten(body), "", "");
  }

  /** Whether the type or code is {@code name}. */
  public boolean is(String name) {
    return name.equals(type) || name.equals(code);
  }

  private static String reason(JsonNode details) {
    for (JsonNode detail : details) {
      if (detail.path("@type").asText().endsWith("google.rpc.ErrorInfo") && detail.path("reason").isTextual()) {
        return detail.path("reason").asText();
      }
    }
    return "";
  }

  /** Google writes durations as decimal seconds with an {@code s}: {@code "37s"}, {@code "1.5s"}. */
  private static Optional<Duration> retryDelay(JsonNode details) {
    for (JsonNode detail : details) {
      String delay = detail.path("retryDelay").asText("");
      if (detail.path("@type").asText().endsWith("google.rpc.RetryInfo") && delay.endsWith("s")) {
        try {
          double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
          if (seconds > 0 && Double.isFinite(seconds)) {
            return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
          }
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : fallback;
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
