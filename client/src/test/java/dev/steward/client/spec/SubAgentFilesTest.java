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
  void aSubAgentSharesItsParentsCostBudgetSoItsModelNeedsAPriceToo() throws Exception {
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\nlimits: {max_cost_usd: 1}\ntools:\n  - agent:helper\n");
    write("helper.yaml", "name: helper\nmodel: {provider: openai, id: gpt-9-turbo}\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.load(dir.resolve("boss.yaml")));

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("tools.agent:helper");
    assertThat(e.reason()).startsWith("the sub-agent's model openai/gpt-9-turbo has no known price, so the parent"
        + " agent's limits.max_cost_usd cannot be kept");
    // On its own, without a budget, the helper is fine.
    assertThat(AgentFiles.load(dir.resolve("helper.yaml")).name()).isEqualTo("helper");
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

  @Test
  void anInlineSubAgentSpecIsRefusedSoEverySubAgentIsCheckedAsAFile() throws Exception {
    // The reviewer's case: no model, which the child would only have found out at run time.
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\ntools:\n  - {name: \"agent:x\", spec: {name: x}}\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.load(dir.resolve("boss.yaml")));

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("tools[0].spec");
    assertThat(e.reason()).startsWith("a sub-agent is not written inline: it is the agent file x.yaml beside this one");
  }

  @Test
  void aSubAgentFileIsCheckedInFullWithItsOwnName() throws Exception {
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\ntools: [agent:x]\n");
    write("x.yaml", "name: x\n");

    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.load(dir.resolve("boss.yaml")));

    assertThat(e.getMessage()).startsWith(dir.resolve("x.yaml") + ":1:1: model: is required");
  }

  @Test
  void aSubAgentInAnotherFolderReadsItsOwnFilesFromThere() throws Exception {
    Files.createDirectories(dir.resolve("team"));
    write("boss.yaml", "name: boss\nmodel: {provider: scripted}\ntools:\n  - {name: \"agent:api\", file: team/api.yaml}\n");
    write("team/api.yaml", "name: api\nmodel: {provider: scripted}\n"
        + "openapi: [{name: pets, document: pets.yaml}]\ntools: [pets.listPets]\n");
    write("team/pets.yaml", "openapi: 3.0.4\ninfo: {title: t, version: '1'}\npaths: {/pets: {get: {operationId: listPets}}}\n");

    AgentSpec boss = AgentFiles.load(dir.resolve("boss.yaml"));

    Map<?, ?> child = (Map<?, ?>) boss.tool("agent:api").options().get("spec");
    assertThat(child.get("name")).isEqualTo("api");
    assertThat(boss.tool("agent:api").options()).doesNotContainKey("file");
  }

  // ---- handoff: the workflow gives it to every agent with sub-agents

  @Test
  void aScriptMayHandOffToASubAgent() throws Exception {
    write("desk.yaml", """
        name: desk
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: handoff, arguments: {agent: writer, note: "wants a draft"}}]
                - reply: handed over
        tools: [agent:writer]
        approval: {tools: [handoff]}
        """);
    write("writer.yaml", "name: writer\nmodel: {provider: scripted}\n");

    AgentSpec desk = AgentFiles.load(dir.resolve("desk.yaml"));

    assertThat(desk.model().script().get(0).steps().get(0).toolCalls().get(0).tool()).isEqualTo("handoff");
    assertThat(desk.effectiveTools()).extracting(ToolSpec::name).containsExactly("agent:writer", "handoff");
  }

  @Test
  void handoffMayBeListedWhenTheAgentHasSubAgents() {
    AgentSpec spec = AgentFiles.parse("name: desk\nmodel: {provider: scripted}\ntools: [handoff, agent:writer]\n", "desk.yaml");

    assertThat(spec.effectiveTools()).extracting(ToolSpec::name).containsExactly("handoff", "agent:writer");
  }

  @Test
  void handoffWithoutSubAgentsSaysWhatItNeeds() {
    AgentFileException listed = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(
        "name: desk\nmodel: {provider: scripted}\ntools: [current_time, handoff]\n", "desk.yaml"));
    AgentFileException scripted = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: desk
        model:
          provider: scripted
          script: [{steps: [{tool_calls: [{tool: handoff, arguments: {agent: writer}}]}]}]
        tools: [current_time]
        """, "desk.yaml"));

    String why = "handoff hands the conversation to one of the agent's sub-agents, and this agent has none; list one "
        + "under tools as agent:<name> (the agent in <name>.yaml beside this file), which brings handoff with it";
    assertThat(listed.getMessage()).isEqualTo("desk.yaml:3:23: tools[1]: " + why);
    assertThat(scripted.getMessage()).isEqualTo("desk.yaml:4:36: model.script[0].steps[0].tool_calls[0].tool: " + why);
  }

  @Test
  void aScriptedHandoffNamesOneOfTheSubAgents() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: desk
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls:
                    - {tool: handoff, arguments: {agent: writter}}
                    - {tool: handoff}
        tools: [agent:writer, agent:researcher]
        """, "desk.yaml"));

    assertThat(e.problems()).extracting(AgentFileProblem::toString).containsExactly(
        "desk.yaml:7:43: model.script[0].steps[0].tool_calls[0].arguments.agent: no sub-agent 'writter'; did you mean "
            + "'writer'? It can hand over to writer, researcher (its agent: tools)",
        "desk.yaml:8:15: model.script[0].steps[0].tool_calls[1].arguments.agent: is required: the sub-agent to hand over"
            + " to, e.g. arguments: {agent: writer}; it can hand over to writer, researcher (its agent: tools)");
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }
}
