package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.detail;
import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.BadRequest;
import com.sun.net.httpserver.HttpServer;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.network.HostResolver;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSRF through the gateway: a caller's spec that points any URL the workers would connect to at the
 * workers' own network is refused at the door with INVALID_ARGUMENT naming the field, for every
 * spelling of the address; with the door open (--allow-private-network) the worker refuses it
 * again at call time. A local server stands in for the private network and sees no request; names
 * resolve from a table, so all traffic stays on loopback.
 */
class SsrfGatewayTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENT = """
      openapi: 3.0.3
      info: {title: inward, version: '1'}
      paths: {/things: {get: {operationId: listThings, responses: {'200': {description: ok}}}}}
      """;

  static final HostResolver TABLE = host -> switch (host) {
    case "loopback.test" -> List.of(InetAddress.getByName("127.0.0.1"));
    case "metadata.test" -> List.of(InetAddress.getByName("169.254.169.254"));
    default -> throw new UnknownHostException(host);
  };

  private static HttpServer inside;
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static GatewayTestKit kit;
  private static StewardGrpcClient acme;
  private static final AtomicInteger IDS = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    inside = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    inside.createContext("/", exchange -> {
      REQUESTS.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    inside.start();
    kit = new GatewayTestKit(GatewaySettings.defaults().withPort(0)
        .withApiKeys(Map.of(GatewayTestKit.ACME_KEY, "acme")), TABLE);
    acme = kit.client(GatewayTestKit.ACME_KEY);
  }

  @AfterAll
  static void stop() {
    acme.close();
    kit.close();
    inside.stop(0);
  }

  static Stream<String> forms() {
    return Stream.of("http://127.0.0.1:%d/", "http://2130706433:%d/", "http://0177.0.0.1:%d/", "http://0x7f.0.0.1:%d/",
        "http://[::ffff:127.0.0.1]:%d/", "http://[::127.0.0.1]:%d/", "http://[64:ff9b::7f00:1]:%d/",
        "http://[2002:7f00:1::1]:%d/", "http://localhost:%d/", "http://tenant.localhost:%d/",
        "http://loopback.test:%d/", "http://metadata.test:%d/latest/", "http://169.254.169.254/latest/",
        "http://[fd00::1]:%d/", "http://10.0.0.1:%d/", "http://100.64.0.1:%d/", "http://198.18.0.1:%d/");
  }

  /** Each field a caller can point at a host, as the spec JSON that sets it to {@code url}. */
  static final Map<String, Function<String, String>> FIELDS = Map.of(
      "model.base_url", url -> """
          {"name": "s", "model": {"provider": "openai", "id": "m", "base_url": "%s"}}""".formatted(url),
      "fallbacks[1].base_url", url -> """
          {"name": "s", "model": {"provider": "scripted"},
           "fallbacks": [{"provider": "scripted"}, {"provider": "openai", "id": "m", "base_url": "%s"}]}""".formatted(url),
      "memory.summarizer.base_url", url -> """
          {"name": "s", "model": {"provider": "scripted"},
           "memory": {"summarizer": {"provider": "openai", "id": "m", "base_url": "%s"}}}""".formatted(url),
      "mcp_servers[0].url", url -> """
          {"name": "s", "model": {"provider": "scripted"}, "mcp_servers": [{"name": "inner", "url": "%smcp"}]}"""
          .formatted(url),
      "http_tools[0].url", url -> """
          {"name": "s", "model": {"provider": "scripted"}, "http_tools": [{"name": "inward", "url": "%s{path}"}],
           "tools": [{"name": "inward"}]}""".formatted(url),
      "openapi[0].base_url", url -> {
        try {
          return """
              {"name": "s", "model": {"provider": "scripted"},
               "openapi": [{"name": "api", "document": %s, "base_url": "%s"}]}""".formatted(
              JSON.writeValueAsString(DOCUMENT), url);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });

  static Stream<Arguments> cases() {
    return FIELDS.keySet().stream().sorted().flatMap(field -> forms().map(form -> Arguments.of(field, form)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("cases")
  void refusedAtTheDoorNamingTheField(String field, String form) {
    String url = form.contains("%d") ? form.formatted(inside.getAddress().getPort()) : form;
    StatusRuntimeException refused =
        failure(() -> acme.startAgentJson("ssrf-" + IDS.incrementAndGet(), FIELDS.get(field).apply(url)));

    assertThat(refused).as(url).isNotNull();
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    List<BadRequest.FieldViolation> violations = detail(refused, BadRequest.class).orElseThrow().getFieldViolationsList();
    assertThat(violations).extracting(BadRequest.FieldViolation::getField).containsOnly("spec_json");
    assertThat(violations).extracting(BadRequest.FieldViolation::getDescription)
        .anySatisfy(d -> assertThat(d).startsWith(field + ": specs sent to the gateway may not reach")
            .contains("--allow-private-network"));
    assertThat(REQUESTS).as("requests that reached the private network").hasValue(0);
  }

  @Test
  void publicUrlsAndNamesTheGatewayCannotResolvePass() {
    String spec = FIELDS.get("model.base_url").apply("https://api.unresolvable.test/v1")
        .replace("\"provider\": \"openai\", \"id\": \"m\"", "\"provider\": \"scripted\"");
    assertThat(acme.startAgentJson("ssrf-public", spec).getSpecJson()).contains("api.unresolvable.test");
    acme.stop("ssrf-public", null);
  }

  @Test
  void withTheDoorOpenTheWorkerRefusesAtCallTime() throws Exception {
    int port = inside.getAddress().getPort();
    try (GatewayTestKit open = new GatewayTestKit(GatewaySettings.defaults().withPort(0).withAllowPrivateNetwork(true)
            .withApiKeys(Map.of(GatewayTestKit.ACME_KEY, "acme")), TABLE);
        StewardGrpcClient client = open.client(GatewayTestKit.ACME_KEY)) {
      client.startAgent("ssrf-tools", """
          name: tools
          http_tools: [{name: inward, url: "http://0177.0.0.1:%d/admin"}]
          tools: [{name: http_get}, {name: inward}]
          model:
            provider: scripted
            script:
              - steps:
                  - tool_calls: [{tool: http_get, arguments: {url: "http://[::ffff:127.0.0.1]:%d/latest"}}]
                  - tool_calls: [{tool: inward, arguments: {}}]
                  - reply: "got {{last_tool_result}}"
          """.formatted(port, port));
      var tools = client.ask("ssrf-tools", "go", Duration.ofSeconds(60));
      assertThat(tools.getReply()).contains("refuses 0177.0.0.1");

      client.startAgent("ssrf-model", """
          name: model
          model: {provider: openai, id: m, base_url: "http://2130706433:%d/v1"}
          """.formatted(port));
      var model = client.ask("ssrf-model", "hi", Duration.ofSeconds(60));
      assertThat(model.getError()).contains("refuses the model's base_url", "loopback");
    }
    assertThat(REQUESTS).as("requests that reached the private network").hasValue(0);
  }
}
