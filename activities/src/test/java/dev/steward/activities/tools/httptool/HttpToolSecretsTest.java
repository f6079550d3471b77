package dev.steward.activities.tools.httptool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.activities.tools.ToolActivitiesImpl;
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

/** Credentials of HTTP tools never come back in a tool result, whatever their values hold. */
class HttpToolSecretsTest {

  private static final String MOUNTED = "mounted-secret-4711";
  private static final String SPLIT = "split-secret-0815";

  private RecordingServer server;
  private final WorkerToolSources sources = new WorkerToolSources(Map.of(
      "MOUNTED_TOKEN", MOUNTED + "\n",
      "CRLF_TOKEN", MOUNTED + "-crlf\r\n",
      "SPLIT_TOKEN", SPLIT + "\r\nX-Injected: yes")::get, List.of());
  private final ToolActivitiesImpl activities = new ToolActivitiesImpl(sources);

  @BeforeEach
  void start() throws Exception {
    // A server that fails and quotes the Authorization header back, as careless servers do.
    server = new RecordingServer(r -> new RecordingServer.Answer(401, "text/plain",
        "bad credentials: " + r.headers().get("authorization")));
  }

  @AfterEach
  void stop() {
    server.close();
    sources.close();
  }

  private ToolResult call(String credential, Map<String, String> headers) {
    HttpToolSpec tool = new HttpToolSpec("lookup", null, "GET", server.url() + "/lookup", headers, credential,
        null, null, null, true);
    return activities.invoke(new ToolInvocation("agent-s", "call-1", "lookup", "{}", toolOptions(tool)));
  }

  private static Map<String, Object> toolOptions(HttpToolSpec tool) {
    return new AgentSpec("s", "", new ModelSpec("scripted", null, null, null, null, null, null, null, null),
        List.of(ToolSpec.of(tool.name())), null, null, null, null, null, null, List.of(tool), null)
        .tool(tool.name()).options();
  }

  @Test
  void aTrailingNewlineIsTrimmedAndAnEchoedValueIsRedacted() {
    ToolResult result = call("MOUNTED_TOKEN", null);

    assertThat(server.last().headers()).containsEntry("authorization", "Bearer " + MOUNTED);
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("[redacted: MOUNTED_TOKEN]").doesNotContain(MOUNTED);
  }

  @Test
  void aTrailingCrLfIsTrimmedToo() {
    ToolResult result = call("CRLF_TOKEN", null);

    assertThat(server.last().headers()).containsEntry("authorization", "Bearer " + MOUNTED + "-crlf");
    assertThat(result.content()).doesNotContain(MOUNTED);
  }

  @Test
  void aLineBreakInsideACredentialIsRefusedNamingTheVariableAndNothingIsSent() {
    ToolResult result = call("SPLIT_TOKEN", null);

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("SPLIT_TOKEN").contains("line break")
        .doesNotContain(SPLIT).doesNotContain("X-Injected");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aHeaderFilledFromAVariableNamesTheHeaderAndTheVariable() {
    ToolResult result = call(null, Map.of("X-Api-Key", "${SPLIT_TOKEN}"));

    assertThat(result.content()).contains("X-Api-Key").contains("SPLIT_TOKEN").doesNotContain(SPLIT);
    assertThat(server.requests()).isEmpty();
  }
}
