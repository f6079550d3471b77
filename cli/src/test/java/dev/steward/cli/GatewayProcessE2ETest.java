package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code steward dev} and {@code steward gateway} as real processes: they say where the gateway is,
 * it answers there, and SIGTERM (Ctrl-C) stops them cleanly.
 */
class GatewayProcessE2ETest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void devStartsTheGatewayAndSaysWhere() throws Exception {
    int temporalPort = EmbeddedTemporal.freePort();
    int gatewayPort = EmbeddedTemporal.freePort();
    try (JvmProcess dev = JvmProcess.start("dev-with-gateway", "dev", "--port", String.valueOf(temporalPort),
        "--gateway-port", String.valueOf(gatewayPort))) {
      await("dev banner from " + dev).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> dev.output().contains("Ctrl-C stops") || !dev.isAlive());
      assertThat(dev.output()).as(dev.output())
          .contains("Gateway          localhost:" + gatewayPort)
          .contains("accepts stdio MCP servers")
          .contains("http://localhost:" + gatewayPort + "/docs");

      assertThat(health(gatewayPort)).isEqualTo(200);
      CliRun list = CliRun.of("--gateway", "localhost:" + gatewayPort, "list");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.err()).contains("no agents yet");

      dev.close();
      assertThat(dev.isAlive()).isFalse();
      assertThat(dev.output()).contains("steward: stopping...").doesNotContain("Exception", "ERROR");
    }
  }

  @Test
  void gatewayRunsAloneAgainstAnyTemporal() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.startOnFreePort();
        JvmProcess gateway = JvmProcess.start("gateway-alone", "gateway", "--address", server.address(), "--port", "0")) {
      SearchAttributes.register(server.address(), "default");
      Pattern listening = Pattern.compile("listening on port (\\d+)");
      await("gateway banner from " + gateway).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> listening.matcher(gateway.output()).find() || !gateway.isAlive());
      Matcher port = listening.matcher(gateway.output());
      assertThat(port.find()).as(gateway.output()).isTrue();
      int gatewayPort = Integer.parseInt(port.group(1));
      assertThat(gateway.output()).contains("Temporal  " + server.address(), "/docs", "Auth      off")
          .as("refused unless --allow-stdio-mcp").doesNotContain("stdio servers accepted");

      assertThat(health(gatewayPort)).isEqualTo(200);

      gateway.close();
      assertThat(gateway.isAlive()).isFalse();
      assertThat(gateway.output()).contains("steward: stopping...").doesNotContain("Exception", "ERROR");
    }
  }

  private static int health(int port) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
