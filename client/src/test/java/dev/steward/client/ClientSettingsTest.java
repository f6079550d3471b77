package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {

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
        "STEWARD_TASK_QUEUE", "steward-eu"));

    assertThat(s).isEqualTo(new ClientSettings("temporal.internal:7233", "agents", "steward-eu"));
    assertThat(ClientSettings.fromEnvironment(Map.of("TEMPORAL_NAMESPACE", "agents")))
        .isEqualTo(new ClientSettings("localhost:7233", "agents", "steward"));
  }
}
