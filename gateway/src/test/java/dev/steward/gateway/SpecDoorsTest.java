package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.detail;
import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.rpc.BadRequest;
import com.sun.net.httpserver.HttpServer;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every door a spec comes in by (spec_yaml, spec_json, UpdateSpec, ImportAgent) applies the full
 * agent-file check, and an operator's credential goes only to the hosts it is bound to.
 */
class SpecDoorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Valid by shape; only the full reader knows that an approval must name one of the agent's tools. */
  private static final String APPROVES_A_MISSING_TOOL = """
      {"name": "doors", "model": {"provider": "scripted"}, "tools": [{"name": "current_time"}],
       "approval": {"tools": ["http_gte"]}}
      """;
  private static final String CLEAN = """
      {"name": "doors", "model": {"provider": "scripted"}, "tools": [{"name": "current_time"}]}
      """;

  static GatewayTestKit kit;
  static StewardGrpcClient acme;
  /** Stands in for a tenant's own server on the workers' network; records every request it gets. */
  static HttpServer tenantServer;
  static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    tenantServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    tenantServer.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders());
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    tenantServer.start();
  }

  @AfterAll
  static void stop() {
    tenantServer.stop(0);
    acme.close();
    kit.close();
  }

  @Test
  void startUpdateAndImportAllRefuseWhatOnlyTheFullReaderKnows() throws Exception {
    assertRefused(failure(() -> acme.startAgentJson("doors-1", APPROVES_A_MISSING_TOOL)), "spec_json",
        "approval.tools[0]: the agent has no tool 'http_gte'");
    assertRefused(failure(() -> acme.startAgent("doors-1", """
        name: doors
        model: {provider: scripted}
        approval: {tools: [http_gte]}
        """)), "spec_yaml", "spec_yaml:3:20: approval.tools[0]: the agent has no tool 'http_gte'");

    acme.startAgentJson("doors-1", CLEAN);
    assertRefused(failure(() -> acme.updateSpecJson("doors-1", APPROVES_A_MISSING_TOOL)), "spec_json",
        "approval.tools[0]: the agent has no tool 'http_gte'");

    String export = acme.stub().exportAgent(ExportAgentRequest.newBuilder().setName("agents/doors-1").build())
        .getExportJson();
    ObjectNode edited = (ObjectNode) JSON.readTree(export);
    ((ObjectNode) edited.path("agent").path("spec")).set("approval", JSON.readTree("{\"tools\": [\"http_gte\"]}"));
    assertRefused(failure(() -> acme.stub().importAgent(ImportAgentRequest.newBuilder()
            .setAgentId("doors-2").setExportJson(edited.toString()).build())), "export_json",
        "agent.spec.approval.tools[0]: the agent has no tool 'http_gte'");
    acme.stop("doors-1", null);
  }

  @Test
  void anAllowedCredentialIsNotPairedWithATenantsBaseUrl() {
    String url = "http://127.0.0.1:" + tenantServer.getAddress().getPort();
    try (StewardGateway gateway = StewardGateway.builder()
            .settings(GatewaySettings.defaults().withPort(0)
                // Loopback allowed, so that only the credential's binding can refuse the spec.
                .withAllowPrivateNetwork(true)
                .withAllowedCredentials(Set.of("OPENAI_API_KEY", "CRM_TOKEN@crm.example.com"))
                .withApiKeys(Map.of(GatewayTestKit.ACME_KEY, "acme")))
            .agentClient(kit.agentClient).build().start();
        StewardGrpcClient client = StewardGrpcClient.builder().target("localhost:" + gateway.port())
            .apiKey(GatewayTestKit.ACME_KEY).build()) {
      StatusRuntimeException model = failure(() -> client.startAgentJson("exfil-1", """
          {"name": "exfil", "model": {"provider": "openai", "id": "gpt-4.1", "base_url": "%s/v1",
                                      "credential": "OPENAI_API_KEY"}}
          """.formatted(url)));
      assertRefused(model, "spec_json", "model.credential: the credential OPENAI_API_KEY may be sent only to"
          + " api.openai.com, not to 127.0.0.1 (the host of model.base_url)");

      assertRefused(failure(() -> client.startAgent("exfil-2", """
          name: exfil
          model: {provider: scripted}
          http_tools: [{name: leak, url: "%s/{x}", headers: {X-Key: "${CRM_TOKEN}"}}]
          tools: [leak]
          """.formatted(url))), "spec_yaml", "http_tools[0].headers.X-Key: the credential CRM_TOKEN may be sent only"
          + " to crm.example.com, not to 127.0.0.1");
      // A model without base_url goes to its provider: OpenAI's key cannot go to Anthropic either.
      assertRefused(failure(() -> client.startAgentJson("exfil-3", """
          {"name": "exfil", "model": {"provider": "anthropic", "id": "claude-sonnet-4-5", "credential": "OPENAI_API_KEY"}}
          """)), "spec_json", "model.credential: the credential OPENAI_API_KEY may be sent only to api.openai.com,"
          + " not to api.anthropic.com");
      // Where it belongs, it is accepted (started, never asked: no model is called).
      assertThat(client.startAgentJson("exfil-4", """
          {"name": "exfil", "model": {"provider": "openai", "id": "gpt-4.1", "credential": "OPENAI_API_KEY"}}
          """).getSpecJson()).contains("OPENAI_API_KEY");
      client.stop("exfil-4", null);
    }
    assertThat(seen).as("the tenant's server saw nothing, so no key").isEmpty();
  }

  private static void assertRefused(StatusRuntimeException e, String field, String description) {
    assertThat(e).as("refused").isNotNull();
    assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    List<BadRequest.FieldViolation> violations = detail(e, BadRequest.class).orElseThrow().getFieldViolationsList();
    assertThat(violations).first().satisfies(v -> {
      assertThat(v.getField()).isEqualTo(field);
      assertThat(v.getDescription()).contains(description);
    });
  }
}
