package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steward dev} and {@code steward gateway} as real processes: they say where the gateway is,
 * what it lets callers' specs do, it answers there, and SIGTERM (Ctrl-C) stops them cleanly.
 */
class GatewayProcessE2ETest {

  /** A worker credential and the worker's own network: what only dev and a willing operator accept. */
  private static final String LOCAL = """
      name: local
      model: {provider: scripted, credential: STEWARD_TEST_UNUSED_KEY}
      tools: [{name: http_get, allow_private: true}]
      """;

  @TempDir Path dir;

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void devStartsTheGatewayAndSaysWhere() throws Exception {
    int temporalPort = EmbeddedTemporal.freePort();
    int gatewayPort = EmbeddedTemporal.freePort();
    // Whichever server dev picks (the real one when the temporal CLI is on PATH), a fresh one.
    try (JvmProcess dev = JvmProcess.start("dev-with-gateway", "dev", "--port", String.valueOf(temporalPort),
        "--ui-port", String.valueOf(EmbeddedTemporal.freePort()), "--db-file", dir.resolve("dev.db").toString(),
        "--gateway-port", String.valueOf(gatewayPort))) {
      await("dev banner from " + dev).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> dev.output().contains("Ctrl-C stops") || !dev.isAlive());
      assertThat(dev.output()).as(dev.output())
          .contains("Gateway          localhost:" + gatewayPort)
          .contains("accepts stdio MCP servers, any credential and allow_private")
          .contains("http://localhost:" + gatewayPort + "/docs");

      assertThat(health(gatewayPort)).isEqualTo(200);
      CliRun list = CliRun.of("--gateway", "localhost:" + gatewayPort, "list");
      assertThat(list.exitCode()).as(list.toString()).isZero();
      assertThat(list.err()).contains("no agents yet");
      // Its gateway is on loopback: a spec may name this process's variables and reach its network.
      Path local = Files.writeString(dir.resolve("local.yaml"), LOCAL);
      CliRun started = CliRun.of("--gateway", "localhost:" + gatewayPort, "start", local.toString(), "--id", "local");
      assertThat(started.exitCode()).as(started.toString()).isZero();
      assertThat(CliRun.of("--gateway", "localhost:" + gatewayPort, "stop", "local").exitCode()).isZero();

      dev.close();
      assertThat(dev.isAlive()).isFalse();
      assertThat(dev.output()).contains("steward: stopping...").doesNotContain("Exception", "ERROR");
    }
  }

  @Test
  void gatewayRunsAloneAgainstAnyTemporal() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.startOnFreePort();
        JvmProcess gateway = JvmProcess.start("gateway-alone", "gateway", "--address", server.address(), "--port", "0",
            "--allow-credentials", "OPENAI_API_KEY")) {
      SearchAttributes.register(server.address(), "default");
      Pattern listening = Pattern.compile("listening on port (\\d+)");
      await("gateway banner from " + gateway).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> listening.matcher(gateway.output()).find() || !gateway.isAlive());
      Matcher port = listening.matcher(gateway.output());
      assertThat(port.find()).as(gateway.output()).isTrue();
      int gatewayPort = Integer.parseInt(port.group(1));
      assertThat(gateway.output()).contains("Temporal  " + server.address(), "/docs", "Auth      off")
          .contains("Secrets   callers' specs may name OPENAI_API_KEY@api.openai.com as credentials, each sent only to the hosts")
          .as("refused unless --allow-stdio-mcp").doesNotContain("stdio servers accepted")
          .as("refused unless --allow-private-network").doesNotContain("Network   allow_private");
      assertThat(gateway.output().lines().filter(l -> l.contains("WARN")).toList()).as(gateway.output())
          .anySatisfy(l -> assertThat(l).contains("No API keys", "tenant 'default'", "STEWARD_API_KEYS"));

      assertThat(health(gatewayPort)).isEqualTo(200);
      // The caller's spec is refused before anything reaches Temporal (no worker runs here).
      Path local = Files.writeString(dir.resolve("local.yaml"), LOCAL);
      CliRun refused = CliRun.of("--gateway", "localhost:" + gatewayPort, "start", local.toString());
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err()).contains(
          "model.credential: 'STEWARD_TEST_UNUSED_KEY' names an environment variable of the workers",
          "this gateway lets callers name only OPENAI_API_KEY",
          "tools[0].allow_private: specs sent to the gateway may not reach loopback");

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
