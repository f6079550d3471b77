package dev.steward.client.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.ToolSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates {@code schemas/agent.schema.json} from the spec records, so the records stay the one
 * source of truth for the agent-file format. Field names come from their {@code @JsonProperty},
 * descriptions from the records' Javadoc ({@link RecordDocs}), and the few places where the file
 * differs from the records from {@link FileFormat}.
 *
 * <p>Run {@code main} (or {@link AgentSchemaTest} with {@code -Dsteward.schema.write=true}) to
 * rewrite the committed file.
 */
final class AgentSchemaGenerator {

  static final String SCHEMA_PATH = "schemas/agent.schema.json";
  static final String ID = "https://steward.dev/schemas/agent.schema.json";
  static final String SPEC_SOURCES = "workflows/src/main/java/dev/steward/workflows/spec";

  private final RecordDocs docs;

  AgentSchemaGenerator(Path projectRoot) {
    this.docs = new RecordDocs(projectRoot.resolve(SPEC_SOURCES));
  }

  /** The schema, as JSON text with a final newline. */
  String generateText() throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return json.writeValueAsString(generate()) + "\n";
  }

  JsonNode generate() {
    SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
        .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
        // The loader refuses unknown fields everywhere but in free mappings (parameters, headers, tool options).
        .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES,
            Option.PLAIN_DEFINITION_KEYS)
        .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields()
        .withIgnoreCheck(field -> FileFormat.NOT_IN_FILE.contains(key(field)))
        .withRequiredCheck(field -> FileFormat.REQUIRED.contains(key(field)))
        .withDescriptionResolver(this::describe)
        .withEnumResolver(field -> FileFormat.ENUMS.get(key(field)))
        .withStringPatternResolver(field -> FileFormat.PATTERNS.get(key(field)))
        .withNumberInclusiveMinimumResolver(field -> decimal(FileFormat.MINIMUM.get(key(field))))
        .withNumberInclusiveMaximumResolver(field -> decimal(FileFormat.MAXIMUM.get(key(field))))
        .withCustomDefinitionProvider((field, context) -> key(field).equals(FileFormat.key(ApprovalPolicy.class, "tools"))
            ? new CustomPropertyDefinition(FileFormat.approvalTools()) : null);
    config.forTypesInGeneral()
        // Only the root gets its type's summary: elsewhere the field's own description says more.
        .withDescriptionResolver(scope -> scope.getType().getErasedType() == AgentSpec.class
            ? docs.type(AgentSpec.class) : null)
        .withCustomDefinitionProvider((type, context) -> type.getErasedType() == ToolSpec.class
            // Taken as written: the generated additionalProperties: false would forbid the options.
            ? new CustomDefinition(FileFormat.toolItem(), CustomDefinition.DefinitionType.STANDARD,
                CustomDefinition.AttributeInclusion.NO) : null);

    ObjectNode body = new SchemaGenerator(config.build()).generateSchema(AgentSpec.class);
    ObjectNode schema = body.objectNode()
        .put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier())
        .put("$id", ID)
        .put("title", "Steward agent file");
    schema.setAll(body);
    return schema;
  }

  private String describe(FieldScope field) {
    if (field.isFakeContainerItemScope()) {
      return null; // The list has the description; its items would only repeat it.
    }
    String override = FileFormat.DESCRIPTIONS.get(key(field));
    return override != null ? override : docs.field(field.getDeclaringType().getErasedType(), field.getDeclaredName());
  }

  private static String key(FieldScope field) {
    if (field.isFakeContainerItemScope()) {
      return ""; // Bounds, enums and patterns are the field's, not each item's.
    }
    return FileFormat.key(field.getDeclaringType().getErasedType(), field.getDeclaredName());
  }

  private static BigDecimal decimal(Number n) {
    return n == null ? null : new BigDecimal(n.toString());
  }

  /** The project's root: the nearest folder, from here up, that holds {@code workflows/}. */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve(SPEC_SOURCES))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from inside the Steward project");
    }
    return dir;
  }

  /** Rewrites the committed schema. */
  public static void main(String[] args) throws IOException {
    Path root = projectRoot();
    Path target = root.resolve(SCHEMA_PATH);
    Files.createDirectories(target.getParent());
    Files.writeString(target, new AgentSchemaGenerator(root).generateText());
    System.out.println("wrote " + target);
  }
}
