package dev.steward.activities.model.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a provider said in an error body. OpenAI-style bodies look like
 * {@code {"error":{"message":"...","type":"...","code":"..."}}}; some compatible servers send
 * {@code {"error":"..."}} or {@code {"message":"..."}}; anything else is kept as trimmed text.
 *
 * @param message the provider's explanation, at most {@value #MAX_MESSAGE_CHARS} characters
 * @param type the error's type, e.g. {@code invalid_request_error}, or empty
 * @param code the error's code, e.g. {@code insufficient_quota}, or empty
 */
public record ProviderError(String message, String type, String code) {

  static final int MAX_MESSAGE_CHARS = 500;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a response body; never fails. */
  public static ProviderError parse(String body) {
    if (body == null || body.isBlank()) {
      return new ProviderError("(empty response body)", "", "");
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.path("error");
      if (error.isObject()) {
        return new ProviderError(
            shorten(text(error, "message", body)), text(error, "type", ""), text(error, "code", ""));
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

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : fallback;
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_MESSAGE_CHARS ? flat : flat.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
