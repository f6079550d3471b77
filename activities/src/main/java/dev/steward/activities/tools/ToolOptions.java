package dev.steward.activities.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a tool's options from the agent spec. Options arrive through YAML and Temporal's JSON
 * converter, so a number may be an Integer, Long, Double or numeric string; all are accepted.
 */
public final class ToolOptions {

  private final String toolName;
  private final Map<String, Object> options;

  public ToolOptions(String toolName, Map<String, Object> options) {
    this.toolName = toolName;
    this.options = options == null ? Map.of() : options;
  }

  /** A whole-number option, or {@code defaultValue} when absent. */
  public long longValue(String key, long defaultValue) throws ToolException {
    Object value = options.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // Falls through to the error below.
      }
    }
    throw misconfigured(key, "a whole number", value);
  }

  /** A true/false option, or {@code defaultValue} when absent. */
  public boolean booleanValue(String key, boolean defaultValue) throws ToolException {
    Object value = options.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw misconfigured(key, "true or false", value);
  }

  /** A list-of-strings option (a single string counts as a list of one); empty when absent. */
  public List<String> strings(String key) throws ToolException {
    Object value = options.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object item : c) {
        if (!(item instanceof String s)) {
          throw misconfigured(key, "a list of strings", value);
        }
        out.add(s);
      }
      return List.copyOf(out);
    }
    throw misconfigured(key, "a list of strings", value);
  }

  private ToolException misconfigured(String key, String expected, Object value) {
    return new ToolException(
        "tool " + toolName + " is misconfigured in the agent spec: option " + key + " must be " + expected
            + ", not " + value);
  }
}
