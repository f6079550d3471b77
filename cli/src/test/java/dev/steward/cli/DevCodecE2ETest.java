package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DefaultDataConverter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward dev} on the real server points the Temporal Web UI at the gateway's codec route,
 * and that route answers the Web UI's origin, preflight included; {@code steward codec-server}
 * serves the same protocol on its own port.
 */
class DevCodecE2ETest {

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void devPointsTheWebUiAtTheGatewaysCodec() throws Exception {
    assumeThat(TemporalCliServer.findOnPath()).as("the temporal CLI on PATH").isPresent();
    int port = EmbeddedTemporal.freePort();
    int uiPort = EmbeddedTemporal.freePort();
    int gatewayPort = EmbeddedTemporal.freePort();
    String ui = "http://localhost:" + uiPort;
    Map<String, String> env = Map.of("STEWARD_HOME", dir.resolve("home").toString());

    try (JvmProcess dev = JvmProcess.start("dev-codec", env, "dev", "--port", String.valueOf(port), "--ui-port",
        String.valueOf(uiPort), "--gateway-port", String.valueOf(gatewayPort), "--db-file",
        dir.resolve("dev.db").toString())) {
      await("steward dev's banner").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .until(() -> dev.output().contains("Ctrl-C stops"));
      String codec = "http://127.0.0.1:" + gatewayPort + "/codec";
      assertThat(dev.output()).contains("Codec            " + codec);

      // The Web UI was started with the codec endpoint.
      HttpResponse<String> settings = http.send(HttpRequest.newBuilder(URI.create(ui + "/api/v1/settings")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(settings.body()).contains("\"Endpoint\":\"" + codec + "\"");

      // The Web UI's page may call it: preflight, then a decode.
      assertPreflightAllows(codec, ui);
      assertDecodes(codec, ui);
    }
  }

  @Test
  void codecServerServesTheProtocolOnItsOwnPort() throws Exception {
    int port = EmbeddedTemporal.freePort();
    Map<String, String> env = Map.of("STEWARD_HOME", dir.resolve("home").toString());
    try (JvmProcess server = JvmProcess.start("codec-server", env, "codec-server", "--port", String.valueOf(port))) {
      await("codec-server's banner").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
          .until(() -> server.output().contains("Ctrl-C stops"));
      String codec = "http://127.0.0.1:" + port + "/codec";
      assertThat(server.output()).contains("Steward codec server on " + codec, "TEMPORAL_CODEC_ENDPOINT=" + codec);
      assertPreflightAllows(codec, "http://localhost:8233");
      assertDecodes(codec, "http://localhost:8233");
    }
  }

  private void assertPreflightAllows(String codec, String origin) throws Exception {
    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(codec + "/decode"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue(origin);
  }

  private void assertDecodes(String codec, String origin) throws Exception {
    Payloads plain = DefaultDataConverter.newDefaultInstance().toPayloads("shown in the Web UI").orElseThrow();
    HttpResponse<String> decoded = http.send(HttpRequest.newBuilder(URI.create(codec + "/decode"))
        .header("Origin", origin).header("X-Namespace", "default").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JsonFormat.printer().print(plain))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(decoded.headers().firstValue("access-control-allow-origin")).hasValue(origin);
    Payloads.Builder back = Payloads.newBuilder();
    JsonFormat.parser().merge(decoded.body(), back);
    assertThat(DefaultDataConverter.newDefaultInstance().fromPayloads(0, Optional.of(back.build()), String.class,
        String.class)).isEqualTo("shown in the Web UI");
  }
}
