package dev.steward.activities.tools.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.activities.tools.httptool.RecordingServer;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The argument schemas of imported operations, as the model sees them and as calls are checked
 * against them: typed in OpenAPI 3.1 documents as in 3.0, and self-contained when a component
 * schema refers to itself.
 */
class OpenApiSchemasTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WorkerToolSources sources = new WorkerToolSources(Map.<String, String>of()::get, List.of());
  private static final ToolActivitiesImpl activities = new ToolActivitiesImpl(sources);
  private static RecordingServer server;
  private int calls;

  /** A small document of either OpenAPI version: a typed path parameter and a recursive tree body. */
  private static String document(String version) {
    return """
        openapi: %s
        info: {title: trees, version: '1'}
        paths:
          /items/{id}:
            get:
              operationId: getItem
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                - {name: verbose, in: query, schema: {type: boolean}}
              responses: {'200': {description: ok}}
          /trees:
            post:
              operationId: addTree
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Node'}
              responses: {'200': {description: ok}}
        components:
          schemas:
            Node:
              type: object
              required: [name]
              properties:
                name: {type: string}
                children:
                  type: array
                  items: {$ref: '#/components/schemas/Node'}
                owner: {$ref: '#/components/schemas/Owner'}
            Owner:
              type: object
              properties:
                email: {type: string}
            Unused:
              type: object
        """.formatted(version);
  }

  @BeforeAll
  static void start() throws IOException {
    server = new RecordingServer(r -> new RecordingServer.Answer(200, "application/json", "{\"ok\":true}"));
  }

  @AfterAll
  static void stop() {
    server.close();
    sources.close();
  }

  private static AgentSpec agent(String version) {
    OpenApiSpec trees = new OpenApiSpec("trees", "trees.yaml", document(version), server.url(), List.of(), List.of(),
        Map.of(), null, null, null, true);
    return new AgentSpec("openapi-schemas-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null,
        null), List.of(ToolSpec.of("trees.*")), null, null, null, null, null, null, null, List.of(trees));
  }

  private static JsonNode schema(AgentSpec spec, String tool) throws IOException {
    List<ToolDefinition> tools = ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(spec.effectiveTools());
    return JSON.readTree(tools.stream().filter(t -> t.name().equals(tool)).findFirst().orElseThrow().parametersSchema());
  }

  private ToolResult call(AgentSpec spec, String tool, String arguments) {
    calls++;
    return activities.invoke(new ToolInvocation("agent-9", "call-" + calls, tool, arguments, spec.tool(tool).options()));
  }

  @Test
  void anOpenApi31DocumentKeepsTheTypesOfItsParametersAndBody() throws IOException {
    JsonNode getItem = schema(agent("3.1.0"), "trees.getItem");
    assertThat(getItem.at("/properties/id/type").asText()).isEqualTo("integer");
    assertThat(getItem.at("/properties/id/minimum").asInt()).isEqualTo(1);
    assertThat(getItem.at("/properties/verbose/type").asText()).isEqualTo("boolean");
    JsonNode addTree = schema(agent("3.1.0"), "trees.addTree");
    assertThat(addTree.at("/properties/body/type").asText()).isEqualTo("object");
    assertThat(addTree.at("/properties/body/properties/name/type").asText()).isEqualTo("string");
  }

  @Test
  void anOpenApi31DocumentsTypesAreCheckedBeforeTheCall() {
    int before = server.requests().size();
    ToolResult result = call(agent("3.1.0"), "trees.getItem", "{\"id\":\"seven\"}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("invalid arguments for " + ModelToolNames.of("trees.getItem")).contains("$.id");
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void aRecursiveComponentTravelsWithTheSchemaUnderDefs() throws IOException {
    for (String version : List.of("3.0.3", "3.1.0")) {
      JsonNode addTree = schema(agent(version), "trees.addTree");
      assertThat(addTree.toString()).as(version).doesNotContain("#/components/");
      assertThat(addTree.at("/properties/body/properties/children/items/$ref").asText()).as(version)
          .isEqualTo("#/$defs/Node");
      assertThat(addTree.at("/$defs/Node/properties/name/type").asText()).as(version).isEqualTo("string");
      // Only what the schema reaches comes along.
      assertThat(addTree.at("/$defs").has("Unused")).as(version).isFalse();
    }
  }

  @Test
  void aRecursiveBodyIsValidatedAllTheWayDown() throws IOException {
    for (String version : List.of("3.0.3", "3.1.0")) {
      AgentSpec spec = agent(version);
      String good = "{\"body\":{\"name\":\"root\",\"children\":[{\"name\":\"a\",\"children\":[{\"name\":\"a1\"}]}]}}";
      ToolResult ok = call(spec, "trees.addTree", good);
      assertThat(ok.error()).as(version + ": " + ok.content()).isFalse();
      assertThat(JSON.readTree(server.last().body())).isEqualTo(JSON.readTree(good).get("body"));

      int before = server.requests().size();
      ToolResult bad = call(spec, "trees.addTree", "{\"body\":{\"name\":\"root\",\"children\":[{\"children\":[]}]}}");
      assertThat(bad.error()).isTrue();
      assertThat(bad.content()).as(version).contains("invalid arguments for " + ModelToolNames.of("trees.addTree"))
          .contains("$.body.children[0]").contains("name");
      assertThat(server.requests()).hasSize(before);
    }
  }
}
