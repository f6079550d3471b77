package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.McpServerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mcp_servers, http_tools and openapi in agent files. */
class AgentFilesDeclaredToolsTest {

  @TempDir
  Path dir;

  private static final String AGENT = """
      name: ops
      model: {provider: scripted}
      mcp_servers:
        - name: fs
          command: [npx, -y, "@modelcontextprotocol/server-filesystem", /data]
          env: [GITHUB_TOKEN]
        - name: remote
          url: https://mcp.example.com/mcp
          credential: REMOTE_TOKEN
          headers: {X-Team: "${TEAM}"}
      http_tools:
        - name: create_ticket
          description: Open a ticket
          method: post
          url: https://api.example.com/projects/{project}/tickets
          credential: TICKETS_TOKEN
          parameters: {type: object, properties: {project: {type: string}}, required: [project]}
          max_bytes: 65536
      openapi:
        - name: petstore
          document: apis/petstore.yaml
          base_url: https://petstore3.swagger.io/api/v3
          tags: [pet]
      tools:
        - fs.*
        - remote.search
        - create_ticket
        - petstore.getPetById
      approval: {tools: [fs.write_file, create_ticket]}
      """;

  private static final String PETSTORE = """
      openapi: 3.0.4
      info: {title: Petstore, version: '1'}
      paths:
        /pet/{petId}:
          get: {operationId: getPetById, tags: [pet]}
          delete: {operationId: deletePet, tags: [pet]}
        /pet/findByStatus:
          get: {operationId: findPetsByStatus, tags: [pet]}
        /store/inventory:
          get: {operationId: getInventory, tags: [store]}
        /store/order:
          post: {tags: [store]}
      """;

  @Test
  void readsTheDeclarationsAndEmbedsTheOpenApiDocument() throws IOException {
    Files.createDirectories(dir.resolve("apis"));
    Files.writeString(dir.resolve("apis/petstore.yaml"), PETSTORE);
    Path file = dir.resolve("ops.yaml");
    Files.writeString(file, AGENT);

    AgentSpec spec = AgentFiles.load(file);

    assertThat(spec.mcpServers()).containsExactly(
        McpServerSpec.stdio("fs", List.of("npx", "-y", "@modelcontextprotocol/server-filesystem", "/data"), List.of("GITHUB_TOKEN")),
        McpServerSpec.http("remote", "https://mcp.example.com/mcp", "REMOTE_TOKEN", Map.of("X-Team", "${TEAM}")));
    assertThat(spec.httpTools()).singleElement().satisfies(t -> {
      assertThat(t.method()).isEqualTo("POST");
      assertThat(t.maxBytes()).isEqualTo(65536L);
      assertThat(t.parameters()).containsKey("properties");
    });
    assertThat(spec.openapi()).singleElement().satisfies(o -> {
      assertThat(o.source()).isEqualTo("apis/petstore.yaml");
      assertThat(o.document()).isEqualTo(PETSTORE);
      assertThat(o.tags()).containsExactly("pet");
    });
    // The workflow finds a wildcard's tools with their server attached.
    assertThat(spec.tool("fs.read_file").options()).containsKey(DeclaredTools.MCP_SERVER);
    assertThat(spec.tool("create_ticket").options()).containsKey(DeclaredTools.HTTP_TOOL);
    assertThat(spec.tool("petstore.getPetById").options()).containsKey(DeclaredTools.OPENAPI);
  }

  @Test
  void problemsNameTheLineAndField() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: ops
        model: {provider: scripted}
        mcp_servers:
          - name: both
            command: [x]
            url: https://x.example/mcp
          - name: leaky
            url: https://x.example/mcp
            headers: {Authorization: "Bearer sk-abcdefghijklmnopqrstuvwxyz123456"}
        http_tools:
          - name: http_get
            url: not-a-url
        openapi:
          - name: api
            document: missing.yaml
        tools: [both.*]
        """, "x.yaml", dir));
    assertThat(e.problems()).extracting(AgentFileProblem::toString).anySatisfy(p -> assertThat(p)
            .startsWith("x.yaml:4:5: mcp_servers[0]: a server has either a command"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:9:5: mcp_servers[1].headers.Authorization: must not hold a secret"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:11:5: http_tools[0].name: 'http_get' must be"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:12:5: http_tools[0].url: 'not-a-url' is not an http(s) URL"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:15:5: openapi[0].document: cannot read"));
    assertThat(e.getMessage()).doesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456");
  }

  // ---- OpenAPI selections: a typo would import nothing and show only when the agent calls the tool

  private AgentFileException openapiFailure(String selection, String tools) throws IOException {
    Files.writeString(dir.resolve("petstore.yaml"), PETSTORE);
    String yaml = """
        name: ops
        model: {provider: scripted}
        openapi:
          - name: petstore
            document: petstore.yaml
            %s
        tools: %s
        """.formatted(selection, tools);
    return catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(yaml, "x.yaml", dir));
  }

  @Test
  void aMisspeltOperationIdIsNamedWithTheOnesThatExist() throws IOException {
    AgentFileException e = openapiFailure("operations: [findPetsByStatus, getPetByID]", "[petstore.*]");

    assertThat(e.getMessage()).isEqualTo("x.yaml:6:36: openapi[0].operations[1]: petstore.yaml has no operation "
        + "'getPetByID'; did you mean 'getPetById'? Its operations: getPetById, deletePet, findPetsByStatus, "
        + "getInventory, post_store_order");
  }

  @Test
  void aMisspeltTagIsNamedWithTheTagsThatExist() throws IOException {
    AgentFileException e = openapiFailure("tags: [pets]", "[petstore.*]");

    assertThat(e.getMessage()).isEqualTo("x.yaml:6:12: openapi[0].tags[0]: no operation in petstore.yaml has the tag "
        + "'pets'; did you mean 'pet'? Its tags: pet, store");
  }

  @Test
  void aToolNamingAnOperationThatDoesNotExistIsRefused() throws IOException {
    AgentFileException e = openapiFailure("tags: [pet]", "[petstore.getPetById, petstore.nosuch]");

    assertThat(e.getMessage()).isEqualTo("x.yaml:7:30: tools[1]: the OpenAPI import 'petstore' (petstore.yaml) has no "
        + "operation 'nosuch'. It imports getPetById, deletePet, findPetsByStatus");
  }

  @Test
  void aToolNamingAnOperationTheImportDoesNotSelectSaysHowToSelectIt() throws IOException {
    AgentFileException e = openapiFailure("tags: [pet]", "[petstore.getInventory]");

    assertThat(e.reason()).isEqualTo("operation 'getInventory' of petstore.yaml is not imported: openapi[0] selects "
        + "it by neither operations nor tags; add getInventory to openapi[0].operations");
  }

  @Test
  void scriptCallsAndApprovalsUnderAWildcardAreCheckedToo() throws IOException {
    Files.writeString(dir.resolve("petstore.yaml"), PETSTORE);
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: ops
        model:
          provider: scripted
          script:
            - steps: [{tool_calls: [{tool: petstore.getPetByID}]}, {reply: done}]
        openapi: [{name: petstore, document: petstore.yaml, tags: [pet]}]
        tools: [petstore.*]
        approval: {tools: [petstore.deletePet, petstore.getInventory]}
        """, "x.yaml", dir));

    assertThat(e.problems()).extracting(AgentFileProblem::toString).containsExactly(
        "x.yaml:5:30: model.script[0].steps[0].tool_calls[0].tool: the OpenAPI import 'petstore' (petstore.yaml) has no "
            + "operation 'getPetByID'; did you mean 'getPetById'? It imports getPetById, deletePet, findPetsByStatus",
        "x.yaml:8:40: approval.tools[1]: operation 'getInventory' of petstore.yaml is not imported: openapi[0] selects it "
            + "by neither operations nor tags; add getInventory to openapi[0].operations");
  }

  @Test
  void operationsWithoutAnIdAreNamedByMethodAndPathAsTheWorkerNamesThem() throws IOException {
    Files.writeString(dir.resolve("petstore.yaml"), PETSTORE);

    AgentSpec spec = AgentFiles.parse("""
        name: ops
        model: {provider: scripted}
        openapi: [{name: petstore, document: petstore.yaml, operations: [post_store_order]}]
        tools: [petstore.post_store_order]
        """, "x.yaml", dir);

    assertThat(spec.openapi().get(0).operations()).containsExactly("post_store_order");
  }

  @Test
  void aDocumentThatIsNotOpenApi3IsRefused() throws IOException {
    Files.writeString(dir.resolve("swagger.yaml"), "swagger: '2.0'\npaths: {}\n");
    Files.writeString(dir.resolve("broken.json"), "{\"openapi\": \"3.1.0\", \"paths\": {");
    Files.writeString(dir.resolve("empty.yaml"), "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: ops
        model: {provider: scripted}
        openapi:
          - {name: a, document: swagger.yaml}
          - {name: b, document: broken.json}
          - {name: c, document: empty.yaml}
        """, "x.yaml", dir));

    assertThat(e.problems()).extracting(AgentFileProblem::toString).satisfiesExactly(
        p -> assertThat(p).isEqualTo("x.yaml:4:15: openapi[0].document: swagger.yaml is not an OpenAPI 3 document "
            + "(it has no openapi field)"),
        p -> assertThat(p).startsWith("x.yaml:5:15: openapi[1].document: broken.json cannot be read as YAML or JSON: "),
        p -> assertThat(p).isEqualTo("x.yaml:6:15: openapi[2].document: empty.yaml has no operations under paths; "
            + "there is nothing to import"));
  }

  @Test
  void pathItemsByReferenceAreFollowedOrLeftToTheWorker() throws IOException {
    Files.writeString(dir.resolve("refs.yaml"), """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /local: {$ref: '#/components/pathItems/Local'}
          /remote: {$ref: 'other.yaml#/paths/~1remote'}
        components:
          pathItems:
            Local:
              get: {operationId: getLocal}
        """);

    // getLocal is found through its local reference; getRemote may be in the other file, so it is not refused.
    AgentSpec spec = AgentFiles.parse("""
        name: ops
        model: {provider: scripted}
        openapi: [{name: api, document: refs.yaml, operations: [getLocal, getRemote]}]
        tools: [api.getLocal, api.getRemote]
        """, "x.yaml", dir);
    assertThat(spec.tools()).hasSize(2);
  }

  @Test
  void mcpToolNamesAreLeftToTheWorker() {
    AgentSpec spec = AgentFiles.parse("""
        name: ops
        model: {provider: scripted}
        mcp_servers: [{name: fs, command: [fs-server]}]
        tools: [fs.anything_at_all]
        """, "x.yaml", dir);

    assertThat(spec.tools()).hasSize(1);
  }
}
