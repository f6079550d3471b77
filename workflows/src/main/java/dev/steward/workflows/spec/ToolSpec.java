package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A tool an agent may call.
 *
 * @param name the tool's name, e.g. {@code http_get}
 * @param options per-tool options, e.g. {@code allow_hosts} for {@code http_get}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolSpec(String name, Map<String, Object> options) {
  public ToolSpec {
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  public static ToolSpec of(String name) {
    return new ToolSpec(name, Map.of());
  }
}
