package dev.steward.activities.tools.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.activities.tools.httptool.RecordingServer;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The worker follows no {@code $ref} outside an OpenAPI document: a document naming a schema on a
 * local HTTP server (which would answer it) is refused with the ref named, and the server sees no
 * request, even with private networks allowed.
 */
class OpenApiExternalRefsTest {

  private static final WorkerToolSources sources =
      new WorkerToolSources(Map.of(NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get, List.of());
  private static final ToolActivitiesImpl activities = new ToolActivitiesImpl(sources);
  private static RecordingServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new RecordingServer(r -> new RecordingServer.Answer(200, "application/yaml",
        "type: object\nproperties: {name: {type: string}}\n"));
  }

  @AfterAll
  static void stop() {
    server.close();
    sources.close();
  }

  /** A document whose request body is {@code ref}, in either OpenAPI version. */
  private static String document(String version, String ref) {
    return """
        openapi: %s
        info: {title: pets, version: '1'}
        paths:
          /pets:
            post:
              operationId: addPet
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '%s'}
              responses: {'200': {description: ok}}
        """.formatted(version, ref);
  }

  private static AgentSpec agent(String document) {
    OpenApiSpec pets = new OpenApiSpec("pets", "pets.yaml", document, server.url(), List.of(), List.of(),
        Map.of(), null, null, null, true);
    return new AgentSpec("openapi-refs-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null,
        null), List.of(ToolSpec.of("pets.*")), null, null, null, null, null, null, null, List.of(pets));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void anExternalRefIsRefusedNamingItAndNothingIsFetched(String version) {
    String ref = server.url() + "/schemas/Pet.yaml";
    AgentSpec spec = agent(document(version, ref));

    assertThat(ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(spec.effectiveTools())).isEmpty();
    ToolResult result = activities.invoke(new ToolInvocation("agent-1", "call-1", "pets.addPet", "{\"body\":{}}",
        spec.tool("pets.addPet").options()));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("$ref '" + ref + "'", "/requestBody/content/application~1json/schema",
        "only refs inside the document");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"other.yaml#/components/schemas/Pet", "file:///etc/passwd", "//127.0.0.1/x.json"})
  void relativeAndFileRefsAreRefusedToo(String ref) {
    AgentSpec spec = agent(document("3.0.3", ref));

    ToolResult result = activities.invoke(new ToolInvocation("agent-1", "call-2", "pets.addPet", "{\"body\":{}}",
        spec.tool("pets.addPet").options()));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("$ref '" + ref + "'");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void refsInsideTheDocumentStillResolve(String version) {
    String document = document(version, "#/components/schemas/Pet")
        + "components:\n  schemas:\n    Pet: {type: object, properties: {name: {type: string}}}\n";

    assertThat(ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(agent(document).effectiveTools()))
        .hasSize(1);
    assertThat(server.requests()).isEmpty();
  }
}
