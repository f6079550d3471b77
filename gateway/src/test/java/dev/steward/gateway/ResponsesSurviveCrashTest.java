package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.workflows.agent.TranscriptEntry;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A background response is a durable turn: with the worker killed (SIGKILL) in the middle of the
 * turn's model call and the gateway killed and started again on another port, polling the new
 * gateway returns the completed response, and the agent's transcript has the message and the reply
 * once each. The worker and the gateways are processes of their own; Temporal is the real server
 * ({@code temporal server start-dev}, as {@code .ci/with-temporal-server} starts it): the embedded
 * test server does not move a dead worker's queries to a live one, and the model activity reads its
 * context through a query. Every body exchanged is checked against OpenAI's OpenAPI document.
 */
@Tag("real-server")
@EnabledIfEnvironmentVariable(named = ResponsesSurviveCrashTest.REAL_SERVER, matches = ".+",
    disabledReason = "needs a real Temporal server: run the tests through .ci/with-temporal-server")
class ResponsesSurviveCrashTest {

  /** Set by {@code .ci/with-temporal-server}, which CI always runs the tests in. */
  static final String REAL_SERVER = "STEWARD_IT_TEMPORAL_ADDRESS";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path agents;

  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final OpenAiContract contract = OpenAiContract.load();
  private final List<String> violations = new ArrayList<>();
  private String address;
  private String queue;
  private String lastAgentHeader;
  private AgentClient client;

  @BeforeEach
  void connect() throws Exception {
    address = System.getenv(REAL_SERVER).strip();
    queue = "steward-responses-crash-" + UUID.randomUUID().toString().substring(0, 8);
    client = AgentClient.connect(new ClientSettings(address, null, queue));
    // Three pieces 4 s apart: the model call runs long enough to be cut off.
    Files.writeString(agents.resolve("slow.yaml"), """
        name: slow
        model:
          provider: scripted
          parameters: {chunk_pause_ms: 4000}
        """);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Process p : processes) {
      CrashTestProcesses.kill(p);
    }
    client.close();
  }

  @Test
  void aBackgroundResponseSurvivesAGatewayRestartAndAWorkerKill() throws Exception {
    Process worker1 = started(CrashTestProcesses.start("responses-worker-1", CrashTestProcesses.Worker.class,
        address, queue));
    int port1 = gateway("responses-gateway-1");

    // 1. A background response; its turn's model call is under way.
    JsonNode started = call(port1, "POST", "/v1/responses",
        "{\"model\": \"slow\", \"input\": \"survive this\", \"background\": true}");
    String id = started.path("id").asText();
    String agentId = new String(Base64.getUrlDecoder().decode(id.substring("resp_".length())), StandardCharsets.UTF_8)
        .split("\n")[0];
    assertThat(started.path("status").asText()).isIn("queued", "in_progress");
    await("the model call under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .until(() -> client.partialReply(agentId).isPresent());

    // 2. SIGKILL the worker mid-call and the gateway; a new gateway on another port.
    CrashTestProcesses.kill(worker1);
    CrashTestProcesses.kill(processes.get(1));
    int port2 = gateway("responses-gateway-2");

    // 3. A new worker; polling the new gateway returns the completed response.
    started(CrashTestProcesses.start("responses-worker-2", CrashTestProcesses.Worker.class, address, queue));
    await("the response completed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> call(port2, "GET", "/v1/responses/" + id, null).path("status").asText().equals("completed"));
    JsonNode done = call(port2, "GET", "/v1/responses/" + id, null);
    assertThat(lastAgentHeader).as("the agent, for steward show").isEqualTo(agentId);
    assertThat(done.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("echo: survive this");
    assertThat(done.path("background").asBoolean()).isTrue();
    assertThat(done.path("usage").path("output_tokens").asLong()).isPositive();

    List<TranscriptEntry> transcript = client.transcript(agentId, 1, 100).entries();
    assertThat(transcript).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).extracting(TranscriptEntry::text)
        .containsExactly("survive this");
    assertThat(transcript).filteredOn(e -> e.kind() == TranscriptEntry.Kind.ASSISTANT).extracting(TranscriptEntry::text)
        .containsExactly("echo: survive this");
    assertThat(violations).isEmpty();
  }

  private Process started(Process process) {
    processes.add(process);
    return process;
  }

  /** Starts a gateway process on a free port and returns the port once it answers. */
  private int gateway(String name) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process p = started(CrashTestProcesses.start(name, CrashTestProcesses.Gateway.class, address, queue,
        String.valueOf(port), agents.toString()));
    await(name + " up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(p.isAlive()).as(name + " is running (see target/e2e-logs)").isTrue();
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (java.io.IOException e) {
        return false;
      }
    });
    return port;
  }

  private JsonNode call(int port, String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    violations.addAll(contract.checkRequest(method, path, body));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    violations.addAll(contract.checkResponse(method, path, response.statusCode(),
        response.headers().firstValue("content-type").orElse(null), response.body()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    lastAgentHeader = response.headers().firstValue("steward-agent-id").orElse(null);
    return JSON.readTree(response.body());
  }
}
