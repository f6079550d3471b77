package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Resource names: an agent's, or a sub-agent's (so its page can be opened), and nothing else. */
class AgentNamesTest {

  @Test
  void takesAgentsAndSubAgentsIds() {
    assertThat(AgentNames.parse("agents/support-42", "name")).isEqualTo("support-42");
    assertThat(AgentNames.parse("agents/editor/researcher/call_abc-1", "name")).isEqualTo("editor/researcher/call_abc-1");
    assertThat(AgentNames.parse("agents/a/b/c/d/e", "name")).isEqualTo("a/b/c/d/e");
  }

  @Test
  void refusesEverythingElseNamingTheField() {
    for (String bad : new String[] {"agents/a/b", "agents/../x/y", "agents/a//b", "agents/a/b/", "agents/a/../b",
        "agents/", "a/b/c", "agents/a/b/c d"}) {
      assertThatThrownBy(() -> AgentNames.parse(bad, "name")).as(bad)
          .isInstanceOf(BadRequestException.class).hasMessageContaining("agents/{agent_id}");
    }
  }
}
