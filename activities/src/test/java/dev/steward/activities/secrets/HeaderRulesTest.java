package dev.steward.activities.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

  @Test
  void namesTheHeaderNeverTheValue() {
    assertThat(HeaderRules.problem(Map.of("Authorization", "Bearer abc\n")))
        .hasValue("header Authorization has a line break in its value");
    assertThat(HeaderRules.problem(Map.of("X-Key", "abc\u0000def")).orElseThrow())
        .startsWith("header X-Key has a character").doesNotContain("abc");
  }

  @Test
  void acceptsOrdinaryHeaders() {
    assertThat(HeaderRules.problem(Map.of("Authorization", "Bearer abc", "X-Team", "blue\tgreen"))).isEmpty();
  }

  @Test
  void refusesANameThatIsNotAToken() {
    assertThat(HeaderRules.problem(Map.of("Bad Name", "v"))).isPresent();
  }
}
