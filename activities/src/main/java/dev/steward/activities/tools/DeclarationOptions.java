package dev.steward.activities.tools;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.spec.ToolSpec;

/**
 * Reads a declaration ({@link dev.steward.workflows.spec.McpServerSpec} and the like) out of a tool's
 * options. In a worker it arrives as a JSON map through Temporal's converter; in-process it may still
 * be the record itself.
 */
public final class DeclarationOptions {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private DeclarationOptions() {}

  /** The declaration under {@code key}, or null when the tool has none. */
  public static <T> T read(ToolSpec tool, String key, Class<T> type) throws ToolException {
    Object value = tool.options().get(key);
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    try {
      return JSON.convertValue(value, type);
    } catch (IllegalArgumentException e) {
      throw new ToolException("tool " + tool.name() + " has an unreadable declaration: " + e.getMessage(), e);
    }
  }
}
