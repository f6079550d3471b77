package dev.steward.activities.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.limits.ModelLimits;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.network.HostResolver;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.spec.McpServerSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.failure.ApplicationFailure;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSRF at call time: every connection a worker makes for an agent (http_get, HTTP tools, OpenAPI
 * tools, MCP over HTTP, model base_url) is refused for every spelling of the worker's own network,
 * and the local server standing in for that network sees no request. Names resolve from a table;
 * all traffic stays on loopback.
 */
class SsrfWorkerTest {

  private static PrivateNetworkStandIn inside;
  private static WorkerToolSources sources;
  private static ToolActivitiesImpl tools;
  private static ModelActivities models;

  /** How a caller may spell the address of the stand-in; %d is its port. */
  static Stream<String> forms() {
    return Stream.of(
        "http://127.0.0.1:%d/",
        "http://2130706433:%d/",            // decimal
        "http://0177.0.0.1:%d/",            // octal
        "http://0x7f.0.0.1:%d/",            // hex
        "http://0x7f000001:%d/",
        "http://127.1:%d/",
        "http://[::ffff:127.0.0.1]:%d/",    // IPv4-mapped IPv6
        "http://[::127.0.0.1]:%d/",         // IPv4-compatible IPv6
        "http://[64:ff9b::7f00:1]:%d/",     // NAT64
        "http://[2002:7f00:1::1]:%d/",      // 6to4
        "http://[::1]:%d/",
        "http://localhost:%d/",
        "http://agent.localhost:%d/",
        "http://loopback.test:%d/",         // a name that resolves to loopback
        "http://mapped.test:%d/",           // a name that resolves to ::ffff:127.0.0.1
        "http://metadata.test:%d/latest/"); // a name that resolves to the cloud metadata address
  }

  /** Names resolve here, never through real DNS. */
  static final HostResolver TABLE = host -> switch (host) {
    case "loopback.test" -> List.of(InetAddress.getByName("127.0.0.1"));
    case "mapped.test" -> List.of(InetAddress.getByAddress(
        new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}));
    case "metadata.test" -> List.of(InetAddress.getByName("169.254.169.254"));
    default -> throw new UnknownHostException(host);
  };

  @BeforeAll
  static void start() throws Exception {
    inside = new PrivateNetworkStandIn("127.0.0.1", 0);
    AgentNetwork network = new AgentNetwork(new NetworkPolicy(false, TABLE));
    sources = new WorkerToolSources(Map.<String, String>of()::get, List.of(), network);
    tools = new ToolActivitiesImpl(List.of(new HttpGetTool(network)), sources.sources());
    models = new ModelActivitiesImpl(Map.<String, String>of()::get, ToolCatalog.builtins(), ModelLimits.NONE, network);
  }

  @AfterAll
  static void stop() {
    sources.close();
    inside.close();
  }

  @ParameterizedTest(name = "http_get {0}")
  @MethodSource("forms")
  void httpGet(String form) {
    String url = form.formatted(inside.port());
    assertRefused(invoke("http_get", "{\"url\":\"" + url + "\"}", Map.of()), url);
  }

  @ParameterizedTest(name = "http_tools url {0}")
  @MethodSource("forms")
  void httpTool(String form) {
    String url = form.formatted(inside.port());
    HttpToolSpec tool = new HttpToolSpec("inward", null, "GET", url, null, null, null, null, null, null);
    assertRefused(invoke("inward", "{}", Map.of(DeclaredTools.HTTP_TOOL, tool)), url);
  }

  @ParameterizedTest(name = "openapi base_url {0}")
  @MethodSource("forms")
  void openApiTool(String form) {
    String url = form.formatted(inside.port());
    String document = """
        openapi: 3.0.3
        info: {title: inward, version: '1'}
        paths:
          /things:
            get:
              operationId: listThings
              responses: {'200': {description: ok}}
        """;
    OpenApiSpec api = new OpenApiSpec("inward", null, document, url, null, null, null, null, null, null, null);
    assertRefused(invoke("inward.listThings", "{}", Map.of(DeclaredTools.OPENAPI, api)), url);
  }

  @ParameterizedTest(name = "mcp_servers url {0}")
  @MethodSource("forms")
  void mcpOverHttp(String form) {
    String url = form.formatted(inside.port()) + "mcp";
    McpServerSpec server = McpServerSpec.http("inward", url, null, Map.of());
    ToolResult result = invoke("inward.echo", "{}", Map.of(DeclaredTools.MCP_SERVER, server));
    assertThat(result.error()).as(url).isTrue();
    assertThat(result.content()).as(url).contains("refuses its url").doesNotContain(PrivateNetworkStandIn.SECRET);
    assertThat(inside.requests()).as("requests that reached the private network").isZero();
  }

  @ParameterizedTest(name = "model base_url {0}")
  @MethodSource("forms")
  void modelBaseUrl(String form) {
    // Fallbacks and the summariser call the same activity with their own ModelSpec.
    String url = form.formatted(inside.port()) + "v1";
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", url, null, null, null, null, null, null);
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> models.complete(
        new ModelRequest("agent-1", 1, 1, spec, "", List.of(ChatMessage.user("hi")), List.of())));
    assertThat(failure).as(url).isNotNull();
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("refuses the model's base_url", NetworkPolicy.ALLOW_PRIVATE_VARIABLE);
    assertThat(inside.requests()).as("requests that reached the private network").isZero();
  }

  private static ToolResult invoke(String tool, String arguments, Map<String, Object> options) {
    return tools.invoke(new ToolInvocation("agent-1", "call-1", tool, arguments, options));
  }

  private static void assertRefused(ToolResult result, String url) {
    assertThat(result.error()).as(url).isTrue();
    assertThat(result.content()).as(url).contains("refuses").doesNotContain(PrivateNetworkStandIn.SECRET);
    assertThat(inside.requests()).as("requests that reached the private network").isZero();
  }
}
