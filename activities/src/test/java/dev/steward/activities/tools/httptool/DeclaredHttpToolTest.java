package dev.steward.activities.tools.httptool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP tools declared in the agent file, against a local server. */
class DeclaredHttpToolTest {

  private RecordingServer server;
  private final WorkerToolSources sources =
      new WorkerToolSources(Map.of("TICKETS_TOKEN", "tok", "TEAM", "blue")::get, List.of());
  private final ToolActivitiesImpl activities = new ToolActivitiesImpl(sources);

  @BeforeEach
  void start() throws Exception {
    server = new RecordingServer(r -> r.target().startsWith("/broken")
        ? new RecordingServer.Answer(500, "application/json", "{\"error\":\"down\"}")
        : new RecordingServer.Answer(200, "application/json", "{\"ok\":true}"));
  }

  @AfterEach
  void stop() {
    server.close();
    sources.close();
  }

  private AgentSpec agent(HttpToolSpec... tools) {
    return new AgentSpec("http-test", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        java.util.Arrays.stream(tools).map(t -> ToolSpec.of(t.name())).toList(), null, null, null, null, null,
        null, List.of(tools), null);
  }

  private ToolResult call(AgentSpec spec, String tool, String arguments) {
    return activities.invoke(new ToolInvocation("agent-9", "call-1", tool, arguments, spec.tool(tool).options()));
  }

  private static Map<String, Object> schema() {
    return Map.of("type", "object", "properties", Map.of(
        "project", Map.of("type", "string"), "title", Map.of("type", "string"), "priority", Map.of("type", "integer")),
        "required", List.of("project", "title"));
  }

  @Test
  void postFillsTheUrlTemplateEncodedAndSendsTheRestAsJsonWithHeadersFromTheEnvironment() {
    HttpToolSpec tool = new HttpToolSpec("create_ticket", "Open a ticket", "POST", server.url() + "/projects/{project}/tickets",
        Map.of("X-Team", "${TEAM}"), "TICKETS_TOKEN", schema(), null, null, true);
    AgentSpec spec = agent(tool);

    ToolResult result = call(spec, "create_ticket", "{\"project\":\"a/b c\",\"title\":\"Printer\",\"priority\":2}");

    assertThat(result.error()).isFalse();
    assertThat(result.content()).contains("\"status\":200").contains("{\\\"ok\\\":true}");
    RecordingServer.Request r = server.last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/projects/a%2Fb%20c/tickets");
    assertThat(r.body()).isEqualTo("{\"title\":\"Printer\",\"priority\":2}");
    assertThat(r.headers()).containsEntry("authorization", "Bearer tok").containsEntry("x-team", "blue")
        .containsEntry("idempotency-key", "agent-9/call-1").containsEntry("content-type", "application/json");
  }

  @Test
  void getSendsTheRestAsQueryParameters() {
    HttpToolSpec tool = new HttpToolSpec("search", null, null, server.url() + "/search", null, null,
        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), null, null, true);
    assertThat(call(agent(tool), "search", "{\"q\":\"a&b=c\"}").error()).isFalse();
    assertThat(server.last().target()).isEqualTo("/search?q=a%26b%3Dc");
  }

  @Test
  void theModelSeesTheDeclaredSchema() {
    HttpToolSpec tool = new HttpToolSpec("create_ticket", "Open a ticket", "POST", server.url() + "/t/{project}",
        null, null, schema(), null, null, true);
    List<ToolDefinition> definitions =
        ToolCatalog.builtinsOnly().withSources(sources.sources()).resolve(agent(tool).effectiveTools());
    assertThat(definitions).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("create_ticket");
      assertThat(d.description()).isEqualTo("Open a ticket");
      assertThat(d.parametersSchema()).contains("\"required\":[\"project\",\"title\"]");
    });
  }

  @Test
  void argumentsAgainstTheSchemaAreRefusedBeforeAnyRequest() {
    HttpToolSpec tool = new HttpToolSpec("create_ticket", null, "POST", server.url() + "/t/{project}",
        null, null, schema(), null, null, true);
    ToolResult result = call(agent(tool), "create_ticket", "{\"project\":\"x\"}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("invalid arguments for create_ticket").contains("title");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aServerErrorIsAToolErrorWithTheBody() {
    HttpToolSpec tool = new HttpToolSpec("broken", null, null, server.url() + "/broken", null, null, null, null, null, true);
    ToolResult result = call(agent(tool), "broken", "{}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("\"status\":500").contains("down");
  }

  @Test
  void theBodyIsCutAtMaxBytes() {
    HttpToolSpec tool = new HttpToolSpec("small", null, null, server.url() + "/x", null, null, null, 5L, null, true);
    ToolResult result = call(agent(tool), "small", "{}");
    assertThat(result.content()).contains("\"body\":\"{\\\"ok\\\"").contains("\"truncated\":true");
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() {
    HttpToolSpec tool = new HttpToolSpec("local", null, null, server.url() + "/x", null, null, null, null, null, null);
    ToolResult result = call(agent(tool), "local", "{}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("refuses 127.0.0.1").contains("allow_private");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aMissingCredentialIsNamedNotGuessed() {
    HttpToolSpec tool = new HttpToolSpec("needs", null, null, server.url() + "/x", null, "MISSING_TOKEN", null, null, null, true);
    ToolResult result = call(agent(tool), "needs", "{}");
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("MISSING_TOKEN").contains("not set");
  }
}
