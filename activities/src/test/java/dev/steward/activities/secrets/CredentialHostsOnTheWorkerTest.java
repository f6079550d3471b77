package dev.steward.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.activities.tools.httptool.RecordingServer;
import dev.steward.network.CredentialHosts;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A credential the worker's operator bound to hosts is never sent elsewhere, whatever URL a spec
 * pairs it with: a local server stands in for a tenant's own and must see no key.
 */
class CredentialHostsOnTheWorkerTest {

  private static final String KEY = "sk-operator-key-31337";
  private static final String TOKEN = "crm-token-4242";

  private RecordingServer tenant;

  @BeforeEach
  void start() throws Exception {
    tenant = new RecordingServer(r -> new RecordingServer.Answer(200, "application/json", "{}"));
  }

  @AfterEach
  void stop() {
    tenant.close();
  }

  private static Map<String, String> env(String binding) {
    Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "CRM_TOKEN", TOKEN,
        NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true"));
    if (binding != null) {
      env.put(CredentialHosts.VARIABLE, binding);
    }
    return env;
  }

  @Test
  void theOperatorsModelKeyIsNotSentToATenantsBaseUrl() {
    ModelActivitiesImpl models = new ModelActivitiesImpl(env("OPENAI_API_KEY")::get);
    ModelRequest request = new ModelRequest("agent-exfil", 1, 1,
        new ModelSpec("openai", "gpt-4.1", tenant.url() + "/v1", "OPENAI_API_KEY", null, null, null, null, null),
        "", List.of(ChatMessage.user("Hi")), List.of());

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> models.complete(request));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("OPENAI_API_KEY", "api.openai.com", "127.0.0.1")
        .doesNotContain(KEY);
    assertThat(tenant.requests()).as("the tenant's server saw no request, so no key").isEmpty();
  }

  @Test
  void aBoundHttpToolCredentialIsNotSentToAnotherHost() {
    ToolResult result = callHttpTool(env("CRM_TOKEN@crm.example.com"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("CRM_TOKEN", "crm.example.com").doesNotContain(TOKEN);
    assertThat(tenant.requests()).isEmpty();
  }

  @Test
  void aBoundCredentialGoesToItsOwnHost() {
    callHttpTool(env("CRM_TOKEN@127.0.0.1"));

    assertThat(tenant.last().headers()).containsEntry("authorization", "Bearer " + TOKEN);
  }

  @Test
  void withoutABindingTheUsersOwnFilesSendItWhereTheySay() {
    // Local use: the worker's owner wrote the spec; nothing is bound unless the operator binds it.
    callHttpTool(env(null));

    assertThat(tenant.last().headers()).containsEntry("authorization", "Bearer " + TOKEN);
  }

  private ToolResult callHttpTool(Map<String, String> env) {
    WorkerToolSources sources = new WorkerToolSources(env::get, List.of());
    try {
      HttpToolSpec tool = new HttpToolSpec("lookup", null, "GET", tenant.url() + "/lookup", null, "CRM_TOKEN",
          null, null, null, true);
      Map<String, Object> options = new AgentSpec("s", "", new ModelSpec("scripted", null, null, null, null, null, null,
          null, null), List.of(ToolSpec.of(tool.name())), null, null, null, null, null, null, List.of(tool), null)
          .tool(tool.name()).options();
      return new ToolActivitiesImpl(sources).invoke(new ToolInvocation("agent-s", "call-1", "lookup", "{}", options));
    } finally {
      sources.close();
    }
  }
}
