package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema is generated from the records, the loader has its own lists of allowed fields: they
 * must name the same fields, or an editor would flag what the loader takes (or the other way round).
 */
class AgentSchemaLoaderFieldsTest {

  private static JsonNode schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schema = new ObjectMapper().readTree(
        AgentSchemaGenerator.projectRoot().resolve(AgentSchemaGenerator.SCHEMA_PATH).toFile());
  }

  /** JSON pointers into the schema, and the loader's list of fields for that mapping. */
  static List<Map.Entry<String, List<String>>> mappings() {
    String model = "/$defs/ModelSpec";
    String turn = model + "/properties/script/items";
    String step = turn + "/properties/steps/items";
    return List.of(
        Map.entry("", AgentSpecReader.TOP),
        Map.entry(model, AgentSpecReader.MODEL),
        Map.entry(model + "/properties/price", AgentSpecReader.PRICE),
        Map.entry(turn, AgentSpecReader.TURN),
        Map.entry(step, AgentSpecReader.STEP),
        Map.entry(step + "/properties/tool_calls/items", AgentSpecReader.TOOL_CALL),
        Map.entry("/properties/fallback_after", AgentSpecReader.FALLBACK_AFTER),
        Map.entry("/properties/limits", AgentSpecReader.LIMITS),
        Map.entry("/properties/approval", AgentSpecReader.APPROVAL),
        Map.entry("/properties/memory", AgentSpecReader.MEMORY),
        Map.entry("/properties/memory/properties/blocks/items", AgentSpecReader.BLOCK),
        Map.entry("/properties/schedules/items", ScheduleReader.FIELDS),
        Map.entry("/properties/mcp_servers/items", DeclaredToolsReader.MCP),
        Map.entry("/properties/http_tools/items", DeclaredToolsReader.HTTP),
        Map.entry("/properties/openapi/items", DeclaredToolsReader.OPENAPI));
  }

  @ParameterizedTest
  @MethodSource("mappings")
  void schemaAndLoaderAllowTheSameFields(Map.Entry<String, List<String>> mapping) {
    JsonNode node = schema.at(mapping.getKey());
    assertThat(node.isMissingNode()).as("schema has %s", mapping.getKey()).isFalse();
    List<String> properties = new ArrayList<>();
    node.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties).as("fields at '%s'", mapping.getKey()).containsExactlyInAnyOrderElementsOf(mapping.getValue());
    assertThat(node.path("additionalProperties").asBoolean(true)).as("unknown fields refused at '%s'", mapping.getKey()).isFalse();
  }

  @Test
  void inboxPoliciesAgree() {
    List<String> values = new ArrayList<>();
    schema.at("/properties/inbox/enum").forEach(v -> values.add(v.asText()));
    assertThat(values).containsExactlyElementsOf(AgentSpecReader.INBOX);
  }
}
