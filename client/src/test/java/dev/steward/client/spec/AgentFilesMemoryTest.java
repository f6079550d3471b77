package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.MemorySpec;
import org.junit.jupiter.api.Test;

class AgentFilesMemoryTest {

  @Test
  void readsMemoryBlocksTheContextBudgetAndTheSummariser() {
    AgentSpec spec = AgentFiles.parse("""
        name: x
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: memory_append, arguments: {block: human, text: likes tea}}]
                - reply: noted
        memory:
          blocks:
            - {name: human, limit: 500, text: "Name: Ada", description: facts about the person}
            - name: notes
          context_tokens: 8000
          summarizer: {provider: scripted}
          summary_prompt: Be brief.
        """, "x.yaml");

    MemorySpec memory = spec.memory();
    assertThat(memory.blocks()).extracting(MemorySpec.MemoryBlockSpec::name).containsExactly("human", "notes");
    assertThat(memory.blocks().get(0).limit()).isEqualTo(500);
    assertThat(memory.blocks().get(1).limit()).isEqualTo(MemorySpec.MemoryBlockSpec.DEFAULT_LIMIT);
    assertThat(memory.contextTokens()).isEqualTo(8000);
    assertThat(memory.summarizer().provider()).isEqualTo("scripted");
    assertThat(spec.effectiveTools()).extracting(t -> t.name()).contains("memory_append", "memory_read");
  }

  @Test
  void aBlockWhoseTextIsOverItsLimitNamesTheLine() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model: {provider: scripted}
        memory:
          blocks:
            - name: human
              limit: 5
              text: far too long
        """, "x.yaml"));

    assertThat(e.getMessage()).isEqualTo("x.yaml:7:7: memory.blocks[0].text: is 12 characters; the block's limit is 5");
  }

  @Test
  void memoryToolsNeedMemoryBlocks() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls: [{tool: memory_read, arguments: {block: human}}]
        """, "x.yaml"));

    assertThat(e.getMessage()).startsWith("x.yaml:6:25: model.script[0].steps[0].tool_calls[0].tool: the agent has no tool 'memory_read'");
  }
}
