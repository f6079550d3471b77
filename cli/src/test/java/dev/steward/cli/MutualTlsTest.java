package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that requires a client certificate refuses a client without one and serves one with it. */
class MutualTlsTest {

  @TempDir Path dir;

  @Test
  void aClientCertificateFromTheTlsVariablesOrFlagsIsWhatTheServerRequires() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    TlsServerCredentials requiringClientCerts = (TlsServerCredentials) TlsServerCredentials.newBuilder()
        .keyManager(certs.serverCert().toFile(), certs.serverKey().toFile())
        .trustManager(certs.ca().toFile())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
        .build();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(EmbeddedTemporal.LOOPBACK, 0, requiringClientCerts, List.of())) {
      Map<String, String> serverOnly = new HashMap<>(Map.of(
          "TEMPORAL_ADDRESS", server.address(),
          "TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.ca().toString(),
          "TEMPORAL_TLS_SERVER_NAME", TestCertificates.SERVER_NAME,
          "TEMPORAL_CONFIG_FILE", dir.resolve("no-profiles.toml").toString()));
      Map<String, String> mutual = new HashMap<>(serverOnly);
      mutual.put("TEMPORAL_TLS_CLIENT_CERT_PATH", certs.clientCert().toString());
      mutual.put("TEMPORAL_TLS_CLIENT_KEY_PATH", certs.clientKey().toString());

      TemporalConnection withoutCert = TemporalConnections.fromEnvironment(serverOnly);
      assertThat(withoutCert.mutualTls()).isFalse();
      assertThat(Probe.reachable(withoutCert, Duration.ofSeconds(5))).isFalse();
      WorkflowServiceStubs refused = withoutCert.newWorkflowServiceStubs();
      try {
        assertThatThrownBy(() -> refused.blockingStub().withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()))
            .isInstanceOf(StatusRuntimeException.class)
            .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE));
      } finally {
        refused.shutdownNow();
      }

      TemporalConnection withCert = TemporalConnections.fromEnvironment(mutual);
      assertThat(withCert.mutualTls()).isTrue();
      assertThat(Probe.reachable(withCert, Duration.ofSeconds(5))).isTrue();
      SearchAttributes.register(withCert);
      try (AgentClient client = AgentClient.connect(ClientSettings.fromEnvironment(mutual))) {
        assertThat(client.isServerReachable(Duration.ofSeconds(10))).isTrue();
      }

      // The CLI's flags: without the certificate nothing answers; with it the server does (the agent is unknown).
      String[] common = {"show", "nobody", "--address", server.address(), "--tls-ca-path", certs.ca().toString(),
          "--tls-server-name", TestCertificates.SERVER_NAME};
      CliRun without = CliRun.of(common);
      assertThat(without.exitCode()).isEqualTo(1);
      assertThat(without.err()).contains("no Temporal server answers");
      CliRun with = CliRun.of(concat(common, "--tls-cert-path", certs.clientCert().toString(),
          "--tls-key-path", certs.clientKey().toString()));
      assertThat(with.err()).as(with.toString()).doesNotContain("no Temporal server answers").contains("nobody");
    }
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
