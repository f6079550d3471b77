package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wire the console speaks: gRPC-Web with JSON messages ({@code application/grpc-web+json}) over
 * plain HTTP/1.1, read frame by frame as a browser's {@code fetch} body stream does. Watch streams its
 * events and partial replies this way, resumes after a seq, and an error's text arrives in
 * {@code grpc-message}.
 */
class ConsoleGrpcWebJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVICE = "/steward.v1.AgentService/";

  @Test
  void watchStreamsEventsAndPartialRepliesAsFramesAndResumesAfterASeq() throws Exception {
    try (GatewayTestKit kit = new GatewayTestKit()) {
      String base = "http://127.0.0.1:" + kit.gateway.port();
      // The turn waits for an approval, so the watch is surely open before the reply streams.
      call(base, GatewayTestKit.ACME_KEY, "StartAgent", JSON.createObjectNode().put("agent_id", "web-json")
          .put("spec_yaml", """
              name: web-json
              tools: [current_time]
              approval: {tools: [current_time]}
              model:
                provider: scripted
                parameters: {chunk_pause_ms: 1500}   # longer than the first heartbeat's 1 s wait, so pieces show
                script:
                  - steps:
                      - tool_calls: [{tool: current_time}]
                      - reply: "one two three four"
              """));
      call(base, GatewayTestKit.ACME_KEY, "SendMessage", JSON.readTree(
          "{\"name\":\"agents/web-json\",\"message\":{\"text\":\"hi\"}}"));

      List<JsonNode> all = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> watching = CompletableFuture.runAsync(() -> watchUntilTurnEnds(base,
          "{\"name\":\"agents/web-json\",\"partialReplies\":true}", all));
      await().atMost(Duration.ofSeconds(60)).until(() -> all.stream()
          .anyMatch(f -> f.path("event").path("type").asText().equals("TYPE_APPROVAL_NEEDED")));
      String callId = all.stream().filter(f -> f.path("event").path("type").asText().equals("TYPE_APPROVAL_NEEDED"))
          .findFirst().orElseThrow().path("event").path("callId").asText();
      call(base, GatewayTestKit.ACME_KEY, "Decide", JSON.createObjectNode().put("name", "agents/web-json")
          .put("callId", callId).put("approved", true));
      watching.get(60, TimeUnit.SECONDS);

      List<String> types = all.stream().filter(f -> f.has("event")).map(f -> f.path("event").path("type").asText()).toList();
      assertThat(types).startsWith("TYPE_MESSAGE_RECEIVED", "TYPE_TURN_STARTED").contains("TYPE_APPROVAL_NEEDED", "TYPE_REPLY").endsWith("TYPE_TURN_ENDED");
      int firstPartial = indexOf(all, f -> f.has("partialReply"));
      int reply = indexOf(all, f -> f.path("event").path("type").asText().equals("TYPE_REPLY"));
      assertThat(firstPartial).as("a partial reply streams before the REPLY event").isBetween(0, reply - 1);
      assertThat(all.get(firstPartial).path("partialReply").path("text").asText()).isNotEqualTo("one two three four");
      assertThat("one two three four").startsWith(all.get(firstPartial).path("partialReply").path("text").asText());

      // Reconnecting after seq 2 (as the console does after a drop) sends what followed, once.
      List<JsonNode> again = new ArrayList<>();
      watchUntilTurnEnds(base, "{\"name\":\"agents/web-json\",\"afterSeq\":\"2\"}", again);
      List<Long> resumed = again.stream().map(f -> f.path("event").path("seq").asLong()).toList();
      List<Long> after2 = all.stream().filter(f -> f.has("event")).map(f -> f.path("event").path("seq").asLong())
          .filter(seq -> seq > 2).toList();
      assertThat(resumed).isEqualTo(after2);
    }
  }

  @Test
  void errorsCarryTheGatewaysTextAndAnotherTenantsAgentIsNotFound() throws Exception {
    try (GatewayTestKit kit = new GatewayTestKit()) {
      String base = "http://127.0.0.1:" + kit.gateway.port();
      call(base, GatewayTestKit.ACME_KEY, "StartAgent", JSON.createObjectNode().put("agent_id", "web-mine")
          .put("spec_yaml", "name: web-mine\nmodel: {provider: scripted}\n"));

      HttpResponse<InputStream> empty = open(base, GatewayTestKit.ACME_KEY, "SendMessage",
          JSON.readTree("{\"name\":\"agents/web-mine\",\"message\":{\"text\":\"\"}}"));
      assertThat(empty.headers().firstValue("grpc-status")).hasValue("3");
      assertThat(URLDecoder.decode(empty.headers().firstValue("grpc-message").orElseThrow(), StandardCharsets.UTF_8))
          .contains("text");

      HttpResponse<InputStream> other = open(base, GatewayTestKit.GLOBEX_KEY, "Watch",
          JSON.readTree("{\"name\":\"agents/web-mine\"}"));
      assertThat(other.headers().firstValue("grpc-status")).hasValue("5");
      assertThat(other.headers().firstValue("grpc-message").orElseThrow()).contains("not found");

      // A sub-agent's id (parent/tool/call) is a name the gateway takes; this one does not exist.
      HttpResponse<InputStream> child = open(base, GatewayTestKit.ACME_KEY, "GetAgent",
          JSON.readTree("{\"name\":\"agents/web-mine/helper/call-1-1-1\"}"));
      assertThat(child.headers().firstValue("grpc-status")).hasValue("5");
    }
  }

  /** Reads a Watch into frames, as they come, until the turn ends. */
  private static void watchUntilTurnEnds(String base, String request, List<JsonNode> frames) {
    try (InputStream body = open(base, GatewayTestKit.ACME_KEY, "Watch", JSON.readTree(request)).body()) {
      DataInputStream in = new DataInputStream(body);
      for (JsonNode frame = readFrame(in); frame != null; frame = readFrame(in)) {
        frames.add(frame);
        if (frame.path("event").path("type").asText().equals("TYPE_TURN_ENDED")) {
          return;
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> test) {
    for (int i = 0; i < frames.size(); i++) {
      if (test.test(frames.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode readFrame(DataInputStream in) throws IOException {
    int flags;
    try {
      flags = in.readUnsignedByte();
    } catch (EOFException e) {
      return null;
    }
    int length = in.readInt();
    byte[] data = in.readNBytes(length);
    if ((flags & 0x80) != 0) {
      return null; // The trailers: the call is over.
    }
    return JSON.readTree(data);
  }

  private static HttpResponse<InputStream> open(String base, String key, String method, JsonNode message) throws Exception {
    byte[] json = JSON.writeValueAsBytes(message);
    ByteBuffer frame = ByteBuffer.allocate(5 + json.length).put((byte) 0).putInt(json.length).put(json);
    HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create(base + SERVICE + method))
            .header("Content-Type", "application/grpc-web+json").header("Accept", "application/grpc-web+json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(frame.array())).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private static JsonNode call(String base, String key, String method, JsonNode message) throws Exception {
    try (InputStream body = open(base, key, method, message).body()) {
      return readFrame(new DataInputStream(body));
    }
  }
}
