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

  @Test
  void readsTheDeclarationsAndEmbedsTheOpenApiDocument() throws IOException {
    Files.createDirectories(dir.resolve("apis"));
    Files.writeString(dir.resolve("apis/petstore.yaml"), "openapi: 3.0.4\ninfo: {title: t, version: '1'}\npaths: {}\n");
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
      assertThat(o.document()).startsWith("openapi: 3.0.4");
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
            .startsWith("x.yaml:4: mcp_servers[0]: a server has either a command"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:9: mcp_servers[1].headers.Authorization: must not hold a secret"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:11: http_tools[0].name: 'http_get' must be"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:12: http_tools[0].url: 'not-a-url' is not an http(s) URL"))
        .anySatisfy(p -> assertThat(p).startsWith("x.yaml:15: openapi[0].document: cannot read"));
    assertThat(e.getMessage()).doesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456");
  }
}
