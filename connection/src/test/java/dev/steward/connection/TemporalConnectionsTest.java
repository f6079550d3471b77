package dev.steward.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flags over variables over the TOML profile over the defaults; never the process's own environment. */
class TemporalConnectionsTest {

  private static final String KEY = "sk-test-do-not-print-0123456789";

  @TempDir Path dir;
  private Path toml;

  @BeforeEach
  void writeProfiles() throws Exception {
    toml = dir.resolve("temporal.toml");
    Files.writeString(toml, """
        [profile.default]
        address = "from-file-default:7233"
        namespace = "file-default-ns"

        [profile.staging]
        address = "from-file-staging:7233"
        namespace = "staging-ns"
        api_key = "%s"

        [profile.staging.tls]
        server_name = "staging.internal"
        """.formatted(KEY));
  }

  @Test
  void withNothingSetTheDefaultsApply() {
    TemporalConnection c = TemporalConnections.fromEnvironment(
        Map.of("TEMPORAL_CONFIG_FILE", dir.resolve("absent.toml").toString()));

    assertThat(c.address()).isEqualTo("localhost:7233");
    assertThat(c.namespace()).isEqualTo("default");
    assertThat(c.tls()).isFalse();
    assertThat(c.hasApiKey()).isFalse();
    assertThat(c).isEqualTo(TemporalConnection.defaults());
    assertThat(c.workflowServiceStubsOptions().getTarget()).isEqualTo("localhost:7233");
    assertThat(c.workflowServiceStubsOptions().getEnableHttps()).isFalse();
  }

  @Test
  void theFilesDefaultProfileFillsWhatNoVariableSets() {
    TemporalConnection c = TemporalConnections.fromEnvironment(Map.of("TEMPORAL_CONFIG_FILE", toml.toString()));

    assertThat(c.address()).isEqualTo("from-file-default:7233");
    assertThat(c.namespace()).isEqualTo("file-default-ns");
    assertThat(c.tls()).isFalse();
  }

  @Test
  void temporalProfileSelectsAnotherProfile() {
    TemporalConnection c = TemporalConnections.fromEnvironment(
        Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "staging"));

    assertThat(c.address()).isEqualTo("from-file-staging:7233");
    assertThat(c.namespace()).isEqualTo("staging-ns");
    assertThat(c.hasApiKey()).isTrue();
    assertThat(c.tls()).isTrue();
    assertThat(c.profile().getTls().getServerName()).isEqualTo("staging.internal");
  }

  @Test
  void variablesWinOverTheProfileAndFlagsWinOverBoth() {
    Map<String, String> env = Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "staging",
        "TEMPORAL_ADDRESS", "from-env:7233");

    TemporalConnection fromEnv = TemporalConnections.fromEnvironment(env);
    assertThat(fromEnv.address()).isEqualTo("from-env:7233");
    assertThat(fromEnv.namespace()).as("not set by a variable, so the profile's").isEqualTo("staging-ns");

    TemporalConnection fromFlags = TemporalConnections.load(
        ConnectionFlags.builder().address("from-flag:7233").namespace("flag-ns").tlsServerName("flag.internal").build(),
        env);
    assertThat(fromFlags.address()).isEqualTo("from-flag:7233");
    assertThat(fromFlags.namespace()).isEqualTo("flag-ns");
    assertThat(fromFlags.profile().getTls().getServerName()).isEqualTo("flag.internal");
    assertThat(fromFlags.hasApiKey()).as("untouched by the flags, so the profile's").isTrue();
  }

  @Test
  void profileAndConfigFileFlagsWinOverTheirVariables() throws Exception {
    Path other = dir.resolve("other.toml");
    Files.writeString(other, """
        [profile.prod]
        address = "prod:7233"
        """);
    Map<String, String> env = Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "staging");

    TemporalConnection c = TemporalConnections.load(
        ConnectionFlags.builder().configFile(other.toString()).profile("prod").build(), env);

    assertThat(c.address()).isEqualTo("prod:7233");
    assertThat(c.namespace()).isEqualTo("default");
  }

  @Test
  void anUnknownProfileIsAnErrorNamingIt() {
    assertThatThrownBy(() -> TemporalConnections.fromEnvironment(
        Map.of("TEMPORAL_CONFIG_FILE", toml.toString(), "TEMPORAL_PROFILE", "nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining(toml.toString());
  }

  @Test
  void anApiKeyTurnsTlsOnAndTravelsAsABearerToken() {
    TemporalConnection c = TemporalConnections.fromEnvironment(env("TEMPORAL_API_KEY", KEY));

    assertThat(c.tls()).isTrue();
    assertThat(c.workflowServiceStubsOptions().getEnableHttps()).isTrue();
    assertThat(c.workflowServiceStubsOptions().getGrpcMetadataProviders()).isNotEmpty();
    assertThat(c.operatorServiceStubsOptions().getEnableHttps()).isTrue();
    assertThat(c.operatorServiceStubsOptions().getGrpcMetadataProviders()).isNotEmpty();
  }

  @Test
  void tlsTurnedOffStaysOffEvenWithAnApiKey() {
    TemporalConnection c = TemporalConnections.fromEnvironment(env("TEMPORAL_API_KEY", KEY, "TEMPORAL_TLS", "false"));

    assertThat(c.tls()).isFalse();
    assertThat(c.workflowServiceStubsOptions().getEnableHttps()).isFalse();
    assertThat(c.operatorServiceStubsOptions().getEnableHttps()).isFalse();
    assertThat(c.hasApiKey()).isTrue();
  }

  @Test
  void theTlsFlagWinsOverTemporalTls() {
    Map<String, String> env = env("TEMPORAL_TLS", "true");
    assertThat(TemporalConnections.fromEnvironment(env).tls()).isTrue();
    assertThat(TemporalConnections.load(ConnectionFlags.builder().tls(false).build(), env).tls()).isFalse();
    assertThat(TemporalConnections.load(ConnectionFlags.builder().tls(true).build(), env("TEMPORAL_TLS", "false"))
        .tls()).isTrue();
  }

  @Test
  void aClientCertificateMeansMutualTls() {
    TemporalConnection c = TemporalConnections.load(
        ConnectionFlags.builder().tlsCertPath("/c.pem").tlsKeyPath("/k.pem").build(), env());

    assertThat(c.tls()).isTrue();
    assertThat(c.mutualTls()).isTrue();
    assertThat(c.describe()).isEqualTo("localhost:7233 (namespace default, mTLS)");
  }

  @Test
  void aCertificateThatCannotBeReadIsAClearError() {
    TemporalConnection c = TemporalConnections.fromEnvironment(
        env("TEMPORAL_TLS_SERVER_CA_CERT_PATH", dir.resolve("missing-ca.pem").toString()));

    assertThatThrownBy(c::workflowServiceStubsOptions)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot set up TLS to Temporal at localhost:7233")
        .hasMessageContaining("missing-ca.pem");
  }

  @Test
  void theApiKeyNeverShowsInText() throws Exception {
    TemporalConnection fromEnv = TemporalConnections.fromEnvironment(env("TEMPORAL_API_KEY", KEY));
    TemporalConnection fromFlag = TemporalConnections.load(ConnectionFlags.builder().apiKey(KEY).build(), env());

    assertThat(fromEnv.toString()).doesNotContain(KEY).contains("API key");
    assertThat(fromEnv.describe()).isEqualTo("localhost:7233 (namespace default, TLS, API key)");
    assertThat(fromFlag).hasToString(fromEnv.toString());
    assertThat(ConnectionFlags.builder().apiKey(KEY).build().toString()).doesNotContain(KEY);
    assertThat(fromEnv.workflowServiceStubsOptions().toString()).doesNotContain(KEY);

    // A broken file must not be quoted back: the key could be on the broken line.
    Path broken = dir.resolve("broken.toml");
    Files.writeString(broken, "[profile.default]\napi_key = " + KEY + "\n");
    assertThatThrownBy(() -> TemporalConnections.fromEnvironment(Map.of("TEMPORAL_CONFIG_FILE", broken.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(broken.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
  }

  @Test
  void anotherAddressOrNamespaceKeepsTheRest() {
    TemporalConnection c = TemporalConnections.fromEnvironment(env("TEMPORAL_API_KEY", KEY))
        .withAddress("elsewhere:7233").withNamespace("ns");

    assertThat(c.address()).isEqualTo("elsewhere:7233");
    assertThat(c.namespace()).isEqualTo("ns");
    assertThat(c.hasApiKey()).isTrue();
    assertThat(TemporalConnection.plain(" ", null)).isEqualTo(TemporalConnection.defaults());
  }

  /** Variables for one test, with the TOML file pointed at nothing so the machine's own file never counts. */
  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_CONFIG_FILE", dir.resolve("absent.toml").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }
}
