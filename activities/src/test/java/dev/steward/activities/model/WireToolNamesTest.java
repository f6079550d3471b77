package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireToolNamesTest {

  private static final String PATTERN = "^[a-zA-Z0-9_-]{1,64}$";

  @Test
  void safeNamesAreSentAsTheyAre() {
    assertThat(WireToolNames.wireName("http_get")).isEqualTo("http_get");
    assertThat(WireToolNames.wireName("current-time")).isEqualTo("current-time");
  }

  @Test
  void otherNamesBecomeSafeAndMapBack() {
    List<String> names = List.of("github.create_issue", "agent:researcher", "files/read", "über.tool", "x".repeat(80));
    WireToolNames table = WireToolNames.of(names);

    for (String name : names) {
      String wire = table.toWire(name);
      assertThat(wire).matches(PATTERN);
      assertThat(table.toSteward(wire)).isEqualTo(name);
    }
    assertThat(table.toWire("github.create_issue")).startsWith("github_create_issue_");
  }

  @Test
  void lookAlikesStayDistinct() {
    assertThat(WireToolNames.wireName("a.b")).isNotEqualTo(WireToolNames.wireName("a:b")).isNotEqualTo("a_b");
  }

  @Test
  void unknownWireNamesComeBackUnchanged() {
    assertThat(WireToolNames.of(List.of("http_get")).toSteward("made_up")).isEqualTo("made_up");
  }
}
