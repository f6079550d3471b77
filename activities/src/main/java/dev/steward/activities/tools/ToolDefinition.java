package dev.steward.activities.tools;

import java.util.Objects;

/**
 * How a tool is described to a model: its Steward name, what it does, and the JSON Schema of its
 * arguments.
 *
 * @param name the tool's Steward name, e.g. {@code http_get} or {@code github.create_issue}; it may
 *     contain characters a provider forbids, which the model adapters map for the wire
 * @param description what the tool does, written for the model
 * @param parametersSchema the JSON Schema (an object schema, as JSON text) its arguments must match
 */
public record ToolDefinition(String name, String description, String parametersSchema) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    parametersSchema =
        parametersSchema == null || parametersSchema.isBlank() ? "{\"type\":\"object\"}" : parametersSchema;
  }
}
