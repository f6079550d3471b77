package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void ciMeansNobodyToAsk() {
    assertThat(Terminal.isCi(Map.of("CI", "true"))).isTrue();
    assertThat(Terminal.isCi(Map.of("CI", "1"))).isTrue();
    assertThat(Terminal.isCi(Map.of("CI", "false"))).isFalse();
    assertThat(Terminal.isCi(Map.of())).isFalse();
  }
}
