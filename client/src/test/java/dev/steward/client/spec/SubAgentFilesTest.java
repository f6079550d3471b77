package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubAgentFilesTest {

  @TempDir Path dir;

  @Test
  void anAgentToolCarriesTheSpecOfTheFileBesideIt() throws Exception {
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\ntools:\n  - agent:helper\n");
    write("helper.yaml", "name: helper\nmodel: {provider: scripted}\ntools: [current_time]\n");

    AgentSpec boss = AgentFiles.load(dir.resolve("boss.yaml"));

    ToolSpec tool = boss.tool("agent:helper");
    assertThat(((Map<?, ?>) tool.options().get("spec")).get("name")).isEqualTo("helper");
    assertThat(boss.effectiveTools()).extracting(ToolSpec::name).contains("handoff");
  }

  @Test
  void aMissingSubAgentFileIsNamedWithItsLine() throws Exception {
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\ntools:\n  - current_time\n  - agent:ghost\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.load(dir.resolve("boss.yaml")));

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("tools.agent:ghost");
    assertThat(e.reason()).contains("no agent file").contains("ghost.yaml");
  }

  @Test
  void agentsThatCallEachOtherInACircleAreRefused() throws Exception {
    write("a.yaml", "name: a\nmodel: {provider: scripted}\ntools: [agent:b]\n");
    write("b.yaml", "name: b\nmodel: {provider: scripted}\ntools: [agent:a]\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.load(dir.resolve("a.yaml")));

    assertThat(e.reason()).contains("in a circle");
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }
}
