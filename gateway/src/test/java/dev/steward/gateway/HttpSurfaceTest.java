package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a curl user, a browser, Prometheus and grpcurl see on the gateway's one port. */
class HttpSurfaceTest {

  static GatewayTestKit kit;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
  }

  @AfterAll
  static void stop() {
    kit.close();
  }

  @Test
  void httpJsonTranscodingStartsAsksAndReadsAnAgent() throws Exception {
    JsonNode started = call("POST", "/v1/agents", json.createObjectNode()
        .put("agentId", "curl-agent").put("specYaml", GatewayEndToEndTest.ECHO).toString(), 200);
    JsonNode asked = call("POST", "/v1/agents/curl-agent:ask",
        "{\"message\": {\"text\": \"hello from curl\"}, \"timeout\": \"30s\"}", 200);
    JsonNode agent = call("GET", "/v1/agents/curl-agent", null, 200);
    JsonNode listed = call("GET", "/v1/agents?displayName=echo&pageSize=10", null, 200);

    assertThat(started.path("name").asText()).isEqualTo("agents/curl-agent");
    assertThat(asked.path("outcome").path("reply").asText()).contains("hello from curl");
    assertThat(asked.path("outcome").path("status").asText()).isEqualTo("TURN_STATUS_COMPLETED");
    assertThat(agent.path("tenant").asText()).isEqualTo("acme");
    assertThat(agent.path("turn").asInt()).isEqualTo(1);
    assertThat(listed.path("agents").get(0).path("agentId").asText()).isEqualTo("curl-agent");
  }

  @Test
  void httpJsonTranscodingChangesASchedule() throws Exception {
    String spec = GatewayEndToEndTest.ECHO + "schedules:\n  - {name: nightly, every: 24h, message: Tidy up}\n";
    call("POST", "/v1/agents", json.createObjectNode().put("agentId", "curl-ticker").put("specYaml", spec).toString(), 200);

    JsonNode paused = call("POST", "/v1/agents/curl-ticker:changeSchedule",
        "{\"schedule\": \"nightly\", \"action\": \"ACTION_PAUSE\"}", 200);
    JsonNode agent = call("GET", "/v1/agents/curl-ticker", null, 200);
    HttpResponse<String> noAction = send("POST", "/v1/agents/curl-ticker:changeSchedule",
        "{\"schedule\": \"nightly\"}", GatewayTestKit.ACME_KEY);
    HttpResponse<String> unknown = send("POST", "/v1/agents/curl-ticker:changeSchedule",
        "{\"schedule\": \"hourly\", \"action\": \"ACTION_TRIGGER\"}", GatewayTestKit.ACME_KEY);

    assertThat(paused.path("name").asText()).isEqualTo("nightly");
    assertThat(paused.path("paused").asBoolean()).isTrue();
    assertThat(paused.has("temporalScheduleId")).as("empty: the agent's own timer fires it").isFalse();
    assertThat(agent.path("schedules").get(0).path("paused").asBoolean()).isTrue();
    assertThat(noAction.statusCode()).isEqualTo(400);
    assertThat(noAction.body()).contains("action");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("no schedule 'hourly'");
  }

  @Test
  void httpErrorsCarryTheGrpcMeaning() throws Exception {
    HttpResponse<String> missing = send("GET", "/v1/agents/nobody", null, GatewayTestKit.ACME_KEY);
    HttpResponse<String> anonymous = send("GET", "/v1/agents/nobody", null, null);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("agent 'nobody' not found").doesNotContain("Exception");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void healthMetricsAndDocsAreServedOnTheSamePort() throws Exception {
    assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
    call("GET", "/v1/agents", null, 200);
    HttpResponse<String> metrics = send("GET", "/metrics", null, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("steward_gateway").contains("ListAgents");
    HttpResponse<String> docs = send("GET", "/docs/specification.json", null, null);
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("steward.v1.AgentService");

    ManagedChannel channel = ManagedChannelBuilder.forTarget(kit.target()).usePlaintext().build();
    try {
      HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
      assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

      CompletableFuture<ServerReflectionResponse> listed = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> reflection = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(
          new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse value) {
              listed.complete(value);
            }

            @Override
            public void onError(Throwable t) {
              listed.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
          });
      reflection.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
      assertThat(listed.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
          .anySatisfy(s -> assertThat(s.getName()).isEqualTo("steward.v1.AgentService"));
      reflection.onCompleted();
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void queryParametersTakeBothFieldNamesAndErrorsAreStatusJson() throws Exception {
    String other = GatewayEndToEndTest.ECHO.replace("name: echo", "name: other-echo");
    call("POST", "/v1/agents", json.createObjectNode().put("agentId", "named-1").put("specYaml", other).toString(), 200);

    for (String query : new String[] {"display_name=other-echo", "displayName=other-echo"}) {
      JsonNode listed = call("GET", "/v1/agents?" + query, null, 200);
      assertThat(listed.path("agents")).as(query).hasSize(1);
      assertThat(listed.path("agents").get(0).path("agentId").asText()).isEqualTo("named-1");
    }

    HttpResponse<String> malformed = send("POST", "/v1/agents", "{\"agentId\": ", GatewayTestKit.ACME_KEY);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode status = json.readTree(malformed.body());
    assertThat(status.path("code").asInt()).as(malformed.body()).isEqualTo(3); // INVALID_ARGUMENT
    assertThat(status.path("message").asText()).isNotBlank();
    HttpResponse<String> missing = send("GET", "/v1/agents/nobody", null, GatewayTestKit.ACME_KEY);
    assertThat(json.readTree(missing.body()).path("code").asInt()).as(missing.body()).isEqualTo(5); // NOT_FOUND
    // The largest duration proto3 allows: out of range, not an overflow.
    HttpResponse<String> endless = send("POST", "/v1/agents/named-1:ask",
        "{\"message\": {\"text\": \"hi\"}, \"timeout\": \"315576000000s\"}", GatewayTestKit.ACME_KEY);
    assertThat(endless.statusCode()).as(endless.body()).isEqualTo(400);
    assertThat(endless.body()).contains("timeout").contains("at most 1 hour");
  }

  @Test
  void healthAnswersPerService() {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(kit.target()).usePlaintext().build();
    try {
      HealthCheckResponse service = HealthGrpc.newBlockingStub(channel)
          .check(HealthCheckRequest.newBuilder().setService("steward.v1.AgentService").build());
      assertThat(service.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    } finally {
      channel.shutdownNow();
    }
  }

  private static JsonNode call(String method, String path, String body, int expectedStatus) throws Exception {
    HttpResponse<String> response = send(method, path, body, GatewayTestKit.ACME_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body, String apiKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + kit.target() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("content-type", "application/json");
    if (apiKey != null) {
      request.header("authorization", "Bearer " + apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

}
