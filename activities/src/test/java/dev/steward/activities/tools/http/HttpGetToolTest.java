package dev.steward.activities.tools.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpGetToolTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> LOCAL_OK = Map.of("allow_private", true);

  private final MockWebServer server = new MockWebServer();
  private final ToolActivitiesImpl tools = new ToolActivitiesImpl(List.of(new HttpGetTool()));

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void fetchesAPageAndSendsTheIdempotencyKey() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain; charset=utf-8")
        .body("hello, agent").build());

    JsonNode out = ok(get(url("/page"), LOCAL_OK));

    assertThat(out.path("status").asInt()).isEqualTo(200);
    assertThat(out.path("content_type").asText()).isEqualTo("text/plain; charset=utf-8");
    assertThat(out.path("body").asText()).isEqualTo("hello, agent");
    assertThat(out.path("truncated").asBoolean()).isFalse();
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getHeaders().get("Idempotency-Key")).isEqualTo("agent-7/call-3-1-1");
  }

  @Test
  void aReusedAgentIdSendsANewIdempotencyKeyForTheSameCallId() throws Exception {
    for (String incarnation : new String[] {"run-1", "run-2"}) {
      server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
      String args = JSON.createObjectNode().put("url", url("/order")).toString();
      ok(tools.invoke(new ToolInvocation("agent-7", "call-1", "http_get", args, LOCAL_OK, incarnation)));
    }

    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Idempotency-Key")).isEqualTo("agent-7/run-1/call-1");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Idempotency-Key")).isEqualTo("agent-7/run-2/call-1");
  }

  @Test
  void refusesLoopbackUnlessAllowed() {
    ToolResult result = get(url("/secret").replace("localhost", "127.0.0.1"), Map.of());

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("refuses 127.0.0.1", "loopback", "allow_private");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesLocalhostByNameToo() {
    ToolResult result = get("http://localhost:" + server.getPort() + "/", Map.of());

    assertThat(result.error()).isTrue();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cutsBodiesAtMaxBytesAndSaysSo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .body("0123456789".repeat(100)).build());

    JsonNode out = ok(get(url("/big"), Map.of("allow_private", true, "max_bytes", 25)));

    assertThat(out.path("body").asText()).isEqualTo("0123456789012345678901234");
    assertThat(out.path("truncated").asBoolean()).isTrue();
    assertThat(out.path("note").asText()).contains("25 bytes");
  }

  @Test
  void onlyAllowedHostsAreFetched() throws Exception {
    ToolResult refused = get(url("/"), Map.of("allow_private", true, "allow_hosts", List.of("example.org")));
    assertThat(refused.error()).isTrue();
    assertThat(refused.content()).contains("example.org", "allow_hosts");
    assertThat(server.getRequestCount()).isZero();

    server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}")
        .addHeader("Content-Type", "application/json").build());
    String host = server.url("/").host();
    JsonNode out = ok(get(url("/"), Map.of("allow_private", true, "allow_hosts", List.of(host))));
    assertThat(out.path("body").asText()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void redirectsAreReportedNotFollowed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://169.254.169.254/latest/meta-data")
        .build());

    JsonNode out = ok(get(url("/go"), LOCAL_OK));

    assertThat(out.path("status").asInt()).isEqualTo(302);
    assertThat(out.path("location").asText()).isEqualTo("http://169.254.169.254/latest/meta-data");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void onlyHttpAndHttps() {
    ToolResult result = get("file:///etc/passwd", LOCAL_OK);

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("only http:// and https://");
  }

  @Test
  void misconfiguredOptionsAreNamed() {
    ToolResult result = get(url("/"), Map.of("allow_private", true, "max_bytes", "lots"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("max_bytes", "whole number");
  }

  @Test
  void connectionFailureIsAnErrorResult() {
    String closed = url("/");
    server.close();

    ToolResult result = get(closed, LOCAL_OK);

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("could not fetch");
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private ToolResult get(String url, Map<String, Object> options) {
    String args = JSON.createObjectNode().put("url", url).toString();
    return tools.invoke(new ToolInvocation("agent-7", "call-3-1-1", "http_get", args, options));
  }

  private static JsonNode ok(ToolResult result) throws Exception {
    assertThat(result.error()).as(result.content()).isFalse();
    return JSON.readTree(result.content());
  }
}
