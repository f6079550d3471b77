package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.client.spec.AgentFiles;
import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Temporal server that speaks only TLS, with a certificate from a private CA for a name that is
 * not {@code localhost}: a worker in its own process, configured by nothing but {@code TEMPORAL_*}
 * variables, and clients configured by the same variables or by the CLI's flags, run agent turns on it.
 */
class TemporalOverTlsE2ETest {

  private static final Path WRITER = Path.of("..", "examples", "agents", "writer.yaml");
  private static final String WRITER_REPLY = "Durable execution means the work survives the crash of the machine doing it.";

  @TempDir Path dir;

  @Test
  void aWorkerAndClientsConfiguredOnlyByTlsSettingsRunAnAgentTurn() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    try (EmbeddedTemporal server = EmbeddedTemporal.start(EmbeddedTemporal.LOOPBACK, 0,
        TlsServerCredentials.create(certs.serverCert().toFile(), certs.serverKey().toFile()), List.of())) {
      Map<String, String> env = Map.of(
          "TEMPORAL_ADDRESS", server.address(),
          "TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.ca().toString(),
          "TEMPORAL_TLS_SERVER_NAME", TestCertificates.SERVER_NAME,
          "TEMPORAL_CONFIG_FILE", dir.resolve("no-profiles.toml").toString());
      TemporalConnection connection = TemporalConnections.fromEnvironment(env);
      assertThat(connection.tls()).isTrue();

      // The server takes nothing else: plain text, and TLS that does not expect its certificate's name.
      assertThat(Probe.reachable(server.address(), Duration.ofSeconds(5))).as("plain text").isFalse();
      TemporalConnection wrongName = TemporalConnections.fromEnvironment(Map.of(
          "TEMPORAL_ADDRESS", server.address(), "TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.ca().toString(),
          "TEMPORAL_CONFIG_FILE", dir.resolve("no-profiles.toml").toString()));
      assertThat(Probe.reachable(wrongName, Duration.ofSeconds(5))).as("TLS without the server name").isFalse();
      assertThat(Probe.reachable(connection, Duration.ofSeconds(5))).as("TLS with CA and server name").isTrue();

      // The operator service over the same TLS.
      SearchAttributes.register(connection);

      try (JvmProcess worker = JvmProcess.start("tls-worker", env, "worker")) {
        try (AgentClient client = AgentClient.connect(ClientSettings.fromEnvironment(env))) {
          String id = client.start("tls-writer", AgentFiles.load(WRITER));
          TurnOutcome outcome = client.ask(id, UserMessage.of("What is durable execution?"), Duration.ofMinutes(2));
          assertThat(outcome.reply()).as(worker.output()).isEqualTo(WRITER_REPLY);
          client.stop(id, "test over");
        }
        assertThat(worker.output()).contains("Steward worker polling task queue steward at " + server.address()
            + " (namespace default, TLS)");

        // The CLI with the temporal CLI's flags instead of variables, its worker being the one above.
        CliRun run = CliRun.of("run", WRITER.toString(), "What is durable execution?", "--no-worker",
            "--address", server.address(), "--tls-ca-path", certs.ca().toString(),
            "--tls-server-name", TestCertificates.SERVER_NAME);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains(WRITER_REPLY);
        assertThat(run.err()).doesNotContain("embedded");
      }
    }
  }

  @Test
  void aTlsConnectionThatFindsNoServerSaysSoInsteadOfStartingAnEmbeddedOne() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    int port = EmbeddedTemporal.freePort();
    CliRun run = CliRun.of("run", WRITER.toString(), "hello", "--address", "localhost:" + port,
        "--tls-ca-path", certs.ca().toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("no Temporal server answers at localhost:" + port).doesNotContain("embedded");
  }
}
