package dev.steward.activities.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.steward.workflows.tools.ModelToolNames;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Parses a tool call's arguments and checks them against the tool's JSON Schema (draft 2020-12
 * unless the schema names another dialect). Errors read like {@code $.url: required property 'url'
 * not found} so the model can fix its call.
 */
public final class ArgumentValidator {

  private static final int MAX_REPORTED_ERRORS = 5;

  private final ObjectMapper json;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
  // Schemas are few and fixed per worker, so compiling each once is worth the memory.
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  public ArgumentValidator(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The arguments as JSON, valid against {@code definition}'s schema. Blank arguments count as
   * {@code {}}, since models often send nothing for a tool without parameters.
   *
   * @throws ToolException naming the tool and every violation (up to five)
   */
  public JsonNode parse(ToolDefinition definition, String arguments) throws ToolException {
    JsonNode node;
    try {
      node = json.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
    } catch (JsonProcessingException e) {
      throw invalid(definition, "not valid JSON (" + e.getOriginalMessage() + ")");
    }
    List<Error> errors = schema(definition).validate(node);
    if (!errors.isEmpty()) {
      String listed = errors.stream().limit(MAX_REPORTED_ERRORS).map(Error::toString).collect(Collectors.joining("; "));
      throw invalid(definition, listed);
    }
    return node;
  }

  private Schema schema(ToolDefinition definition) throws ToolException {
    try {
      return compiled.computeIfAbsent(definition.parametersSchema(), text -> {
        try {
          return registry.getSchema(json.readTree(text));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
      });
    } catch (RuntimeException e) {
      throw new ToolException("tool " + definition.name() + " has an unusable argument schema: " + e.getMessage(), e);
    }
  }

  /** Named as the model knows the tool, so it can call it again with better arguments. */
  private static ToolException invalid(ToolDefinition definition, String why) {
    return new ToolException("invalid arguments for " + ModelToolNames.of(definition.name()) + ": " + why);
  }
}
