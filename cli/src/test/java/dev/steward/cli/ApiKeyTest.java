package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.connection.ConnectionFlags;
import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API key reaches the server as {@code authorization: Bearer <key>} on every service Steward
 * calls, over TLS; only an explicit "TLS off" sends it in plain text.
 */
class ApiKeyTest {

  private static final String KEY = "tmprl-test-key-0123456789abcdef";
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  @TempDir Path dir;

  /** What the server saw of one call. */
  record Seen(String method, String authorization, boolean tls) {}

  /** Records every call's method, authorization header and whether it came over TLS. */
  static final class Recorder implements ServerInterceptor {
    final List<Seen> calls = new CopyOnWriteArrayList<>();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      calls.add(new Seen(call.getMethodDescriptor().getFullMethodName(), headers.get(AUTHORIZATION),
          call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION) != null));
      return next.startCall(call, headers);
    }
  }

  @Test
  void theKeyTravelsAsABearerTokenOverTls() throws Exception {
    TestCertificates certs = TestCertificates.create(dir);
    Recorder recorder = new Recorder();
    ServerCredentials tls = TlsServerCredentials.create(certs.serverCert().toFile(), certs.serverKey().toFile());
    try (EmbeddedTemporal server = EmbeddedTemporal.start(EmbeddedTemporal.LOOPBACK, 0, tls, List.of(recorder))) {
      Map<String, String> env = Map.of(
          "TEMPORAL_ADDRESS", server.address(),
          "TEMPORAL_API_KEY", KEY,
          "TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.ca().toString(),
          "TEMPORAL_TLS_SERVER_NAME", TestCertificates.SERVER_NAME,
          "TEMPORAL_CONFIG_FILE", dir.resolve("no-profiles.toml").toString());
      TemporalConnection connection = TemporalConnections.fromEnvironment(env);

      assertThat(Probe.reachable(connection, Duration.ofSeconds(5))).isTrue();
      SearchAttributes.register(connection);
      try (AgentClient client = AgentClient.connect(ClientSettings.fromEnvironment(env))) {
        assertThat(client.isServerReachable(Duration.ofSeconds(10))).isTrue();
      }

      assertThat(recorder.calls).extracting(Seen::method).anyMatch(m -> m.startsWith("temporal.api.workflowservice"))
          .anyMatch(m -> m.startsWith("temporal.api.operatorservice")).anyMatch(m -> m.startsWith("grpc.health"));
      assertThat(recorder.calls).allSatisfy(seen -> {
        assertThat(seen.authorization()).as(seen.method()).isEqualTo("Bearer " + KEY);
        assertThat(seen.tls()).as(seen.method()).isTrue();
      });
    }
  }

  @Test
  void anApiKeyAloneMeansTlsAndOnlyAnExplicitTlsOffSendsItInPlainText() {
    Recorder recorder = new Recorder();
    try (EmbeddedTemporal server = EmbeddedTemporal.start(EmbeddedTemporal.LOOPBACK, 0,
        InsecureServerCredentials.create(), List.of(recorder))) {
      Map<String, String> env = Map.of("TEMPORAL_ADDRESS", server.address(), "TEMPORAL_API_KEY", KEY,
          "TEMPORAL_CONFIG_FILE", dir.resolve("no-profiles.toml").toString());

      // The key alone turns TLS on, which a plain-text server cannot speak: nothing reaches it.
      assertThat(Probe.reachable(TemporalConnections.fromEnvironment(env), Duration.ofSeconds(5))).isFalse();
      assertThat(recorder.calls).isEmpty();

      TemporalConnection off = TemporalConnections.load(ConnectionFlags.builder().tls(false).build(), env);
      assertThat(Probe.reachable(off, Duration.ofSeconds(5))).isTrue();
      assertThat(recorder.calls).isNotEmpty().allSatisfy(seen -> {
        assertThat(seen.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(seen.tls()).isFalse();
      });
    }
  }
}
