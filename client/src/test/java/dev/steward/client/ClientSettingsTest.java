package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

  /** Points the TOML profile at nothing, so the machine's own file never counts. */
  private static final String NO_FILE = "target/no-such-temporal.toml";

  @Test
  void defaultsForWhatIsNotSet() {
    assertThat(ClientSettings.defaults()).isEqualTo(new ClientSettings("localhost:7233", "default", "steward"));
    assertThat(new ClientSettings(" ", null, "")).isEqualTo(ClientSettings.defaults());
  }

  @Test
  void readsTheEnvironment() {
    ClientSettings s = ClientSettings.fromEnvironment(Map.of(
        "TEMPORAL_ADDRESS", "temporal.internal:7233",
        "TEMPORAL_NAMESPACE", "agents",
        "STEWARD_TASK_QUEUE", "steward-eu",
        "TEMPORAL_CONFIG_FILE", NO_FILE));

    assertThat(s).isEqualTo(new ClientSettings("temporal.internal:7233", "agents", "steward-eu"));
    assertThat(ClientSettings.fromEnvironment(Map.of("TEMPORAL_NAMESPACE", "agents", "TEMPORAL_CONFIG_FILE", NO_FILE)))
        .isEqualTo(new ClientSettings("localhost:7233", "agents", "steward"));
  }

  @Test
  void theConnectionCarriesTlsAndTheApiKey() {
    ClientSettings s = ClientSettings.fromEnvironment(Map.of(
        "TEMPORAL_ADDRESS", "ns.acct.tmprl.cloud:7233", "TEMPORAL_API_KEY", "secret-key",
        "TEMPORAL_CONFIG_FILE", NO_FILE));

    assertThat(s.address()).isEqualTo("ns.acct.tmprl.cloud:7233");
    assertThat(s.connection().tls()).isTrue();
    assertThat(s.connection().hasApiKey()).isTrue();
    assertThat(s.toString()).doesNotContain("secret-key");
  }
}
