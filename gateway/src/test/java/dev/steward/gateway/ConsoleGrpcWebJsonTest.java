package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
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
  void watchStreamsEventsAndPartialRepliesAsGrpcWebJsonFrames() throws Exception {
    try (GatewayTestKit kit = new GatewayTestKit()) {
      String base = "http://127.0.0.1:" + kit.gateway.port();
      call(base, GatewayTestKit.ACME_KEY, "StartAgent", JSON.createObjectNode().put("agent_id", "web-json")
          .put("spec_yaml", "name: web-json\nmodel:\n  provider: scripted\n  parameters: {chunk_pause_ms: 300}\n"
              + "  script:\n    - steps: [{reply: \"one two three four\"}]\n"));
      call(base, GatewayTestKit.ACME_KEY, "SendMessage", JSON.readTree(
          "{\"name\":\"agents/web-json\",\"message\":{\"text\":\"hi\"}}"));

      List<JsonNode> frames = new ArrayList<>();
      try (InputStream body = open(base, GatewayTestKit.ACME_KEY, "Watch",
          JSON.readTree("{\"name\":\"agents/web-json\",\"partialReplies\":true}")).body()) {
        DataInputStream in = new DataInputStream(body);
        while (true) {
          JsonNode frame = readFrame(in);
          if (frame == null) {
            break;
          }
          frames.add(frame);
          if (frame.path("event").path("type").asText().equals("TYPE_TURN_ENDED")) {
            break;
          }
        }
      }
      System.out.println(frames);
      assertThat(frames).anySatisfy(f -> assertThat(f.path("partialReply").path("text").asText()).isNotEmpty());
    }
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
      System.out.println("trailers: " + new String(data, StandardCharsets.UTF_8));
      return null;
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
    System.out.println(method + " " + response.statusCode() + " " + response.headers().map());
    return response;
  }

  private static JsonNode call(String base, String key, String method, JsonNode message) throws Exception {
    try (InputStream body = open(base, key, method, message).body()) {
      JsonNode first = readFrame(new DataInputStream(body));
      System.out.println(method + " -> " + first);
      return first;
    }
  }
}
