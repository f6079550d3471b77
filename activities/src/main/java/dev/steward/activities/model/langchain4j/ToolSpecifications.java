package dev.steward.activities.model.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.tools.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes Steward tools to LangChain4j. A tool's top-level object schema becomes a
 * {@link JsonObjectSchema} (description, required, additionalProperties); each property and each
 * {@code $defs} entry is passed through untouched as a {@link JsonRawSchema}, so nothing a
 * property's schema says is lost in translation. (LangChain4j 1.19's OpenAI module sends a top-level
 * {@code additionalProperties} only in strict mode; Steward's own argument validation enforces it
 * either way.)
 */
public final class ToolSpecifications {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolSpecifications() {}

  /** The specification of {@code tool} under its wire name. */
  public static ToolSpecification of(ToolDefinition tool, WireToolNames names) {
    return ToolSpecification.builder()
        .name(names.toWire(tool.name()))
        .description(tool.description().isBlank() ? null : tool.description())
        .parameters(parameters(tool))
        .build();
  }

  static JsonObjectSchema parameters(ToolDefinition tool) {
    JsonNode root;
    try {
      root = JSON.readTree(tool.parametersSchema());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tool " + tool.name() + " has a schema that is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
    if (root.path("description").isTextual()) {
      schema.description(root.path("description").asText());
    }
    Map<String, JsonSchemaElement> properties = raw(root.path("properties"));
    if (!properties.isEmpty()) {
      schema.addProperties(properties);
    }
    List<String> required = new ArrayList<>();
    root.path("required").forEach(name -> required.add(name.asText()));
    if (!required.isEmpty()) {
      schema.required(required);
    }
    if (root.path("additionalProperties").isBoolean()) {
      schema.additionalProperties(root.path("additionalProperties").asBoolean());
    }
    Map<String, JsonSchemaElement> definitions = raw(root.path("$defs"));
    if (!definitions.isEmpty()) {
      schema.definitions(definitions);
    }
    return schema.build();
  }

  private static Map<String, JsonSchemaElement> raw(JsonNode object) {
    Map<String, JsonSchemaElement> out = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), JsonRawSchema.from(e.getValue().toString())));
    return out;
  }
}
