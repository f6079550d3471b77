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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tools imported from the public Petstore OpenAPI 3 document, called against a local server. */
class OpenApiToolsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static String petstore;
  private static RecordingServer server;
  private static final WorkerToolSources sources = new WorkerToolSources(Map.of("PETSTORE_KEY", "pk")::get, List.of());
  private static final ToolActivitiesImpl activities = new ToolActivitiesImpl(sources);
  private int calls;

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in = OpenApiToolsTest.class.getResourceAsStream("/openapi/petstore.yaml")) {
      petstore = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    server = new RecordingServer(r -> r.target().startsWith("/api/v3/store/inventory")
        ? new RecordingServer.Answer(200, "application/json", "{\"available\":" + "1".repeat(200) + "}")
        : new RecordingServer.Answer(200, "application/json", "{\"id\":7,\"name\":\"rex\"}"));
    PETS = agent(List.of("pet", "store"), null, true, "petstore.*");
  }

  @AfterAll
  static void stop() {
    server.close();
    sources.close();
  }

  private static AgentSpec agent(List<String> tags, Long maxBytes, Boolean allowPrivate, String... tools) {
    OpenApiSpec petstoreImport = new OpenApiSpec("petstore", "petstore.yaml", petstore, server.url() + "/api/v3",
        List.of(), tags, Map.of(), "PETSTORE_KEY", maxBytes, null, allowPrivate);
    return new AgentSpec("openapi-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        java.util.Arrays.stream(tools).map(ToolSpec::of).toList(), null, null, null, null, null,
        null, null, List.of(petstoreImport));
  }

  /** The pet and store operations, on the local server. */
  private static AgentSpec PETS;

  private ToolResult call(AgentSpec spec, String tool, String arguments) {
    calls++;
    return activities.invoke(new ToolInvocation("agent-7", "call-" + calls, tool, arguments, spec.tool(tool).options()));
  }

  private static List<ToolDefinition> definitions(AgentSpec spec) {
    return ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(spec.effectiveTools());
  }

  @Test
  void oneToolPerOperationOfTheSelectedTagsWithSchemasFromTheDocument() throws IOException {
    List<ToolDefinition> tools = definitions(PETS);
    assertThat(tools).extracting(ToolDefinition::name).contains("petstore.getPetById", "petstore.addPet",
        "petstore.findPetsByTags", "petstore.getInventory").doesNotContain("petstore.loginUser");
    JsonNode getPet = JSON.readTree(find(tools, "petstore.getPetById").parametersSchema());
    assertThat(getPet.at("/properties/petId/type").asText()).isEqualTo("integer");
    assertThat(getPet.at("/required/0").asText()).isEqualTo("petId");
    JsonNode addPet = JSON.readTree(find(tools, "petstore.addPet").parametersSchema());
    // The $ref to Pet is inlined, so the model sees the fields.
    assertThat(addPet.at("/properties/body/required").toString()).contains("name", "photoUrls");
    assertThat(find(tools, "petstore.addPet").description()).startsWith("Add a new pet to the store.");
  }

  @Test
  void selectingByOperationIdImportsOnlyThose() {
    OpenApiSpec only = new OpenApiSpec("petstore", null, petstore, server.url(), List.of("getPetById"), List.of(),
        null, null, null, null, true);
    AgentSpec spec = new AgentSpec("x", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        List.of(ToolSpec.of("petstore.*")), null, null, null, null, null, null, null, List.of(only));
    assertThat(definitions(spec)).extracting(ToolDefinition::name).containsExactly("petstore.getPetById");
  }

  @Test
  void pathParametersGoIntoThePathWithTheIdempotencyKeyAndCredential() {
    ToolResult result = call(PETS, "petstore.getPetById", "{\"petId\":7}");
    assertThat(result.error()).isFalse();
    assertThat(result.content()).contains("rex");
    RecordingServer.Request r = server.last();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.target()).isEqualTo("/api/v3/pet/7");
    assertThat(r.headers()).containsEntry("idempotency-key", "agent-7/call-" + calls)
        .containsEntry("authorization", "Bearer pk");
  }

  @Test
  void arrayQueryParametersRepeatTheirName() {
    call(PETS, "petstore.findPetsByTags", "{\"tags\":[\"good boy\",\"small\"]}");
    assertThat(server.last().target()).isEqualTo("/api/v3/pet/findByTags?tags=good%20boy&tags=small");
  }

  @Test
  void pathAndQueryTogetherAndHeaderParameters() {
    call(PETS, "petstore.updatePetWithForm", "{\"petId\":3,\"name\":\"Max\",\"status\":\"sold\"}");
    assertThat(server.last().target()).isEqualTo("/api/v3/pet/3?name=Max&status=sold");
    call(PETS, "petstore.deletePet", "{\"petId\":3,\"api_key\":\"k-1\"}");
    assertThat(server.last().method()).isEqualTo("DELETE");
    assertThat(server.last().headers()).containsEntry("api_key", "k-1");
  }

  @Test
  void aJsonBodyIsSentAsTheRequestBody() throws IOException {
    ToolResult result = call(PETS, "petstore.addPet", "{\"body\":{\"name\":\"rex\",\"photoUrls\":[]}}");
    assertThat(result.error()).isFalse();
    RecordingServer.Request r = server.last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/api/v3/pet");
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree("{\"name\":\"rex\",\"photoUrls\":[]}"));
  }

  @Test
  void argumentsAreCheckedAgainstTheDocumentsSchema() {
    int before = server.requests().size();
    ToolResult result = call(PETS, "petstore.addPet", "{\"body\":{\"photoUrls\":[]}}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("invalid arguments for " + ModelToolNames.of("petstore.addPet")).contains("name");
    assertThat(server.requests()).hasSize(before);
  }

  @Test
  void theResponseIsCutAtMaxBytes() {
    AgentSpec capped = agent(List.of("store"), 16L, true, "petstore.getInventory");
    ToolResult result = call(capped, "petstore.getInventory", "{}");
    assertThat(result.content()).contains("\"truncated\":true").contains("16 bytes");
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() {
    AgentSpec strict = agent(List.of("pet"), null, null, "petstore.getPetById");
    ToolResult result = call(strict, "petstore.getPetById", "{\"petId\":1}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("allow_private");
  }

  private static ToolDefinition find(List<ToolDefinition> tools, String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
