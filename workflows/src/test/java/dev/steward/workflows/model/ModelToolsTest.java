package dev.steward.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelTools#hash}: its value is in running agents' histories (the model activity's input
 * names the models and tools by it) and compared by every worker, so it never changes, whether
 * computed or remembered.
 */
class ModelToolsTest {

  /** The hash of {@link #tools()} as computed before hashes were remembered. */
  private static final String KNOWN = "0406b3860bcdb6ad545670bf9c55b52c";

  private static ModelTools tools() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("top_p", 0.5);
    parameters.put("seed", 7);
    ModelSpec model = new ModelSpec("openai", "gpt-4.1", null, "OPENAI_API_KEY", 0.2, 500, 60, parameters, null);
    ModelSpec fallback = new ModelSpec("anthropic", "claude", null, null, null, null, null, null, null);
    return new ModelTools(List.of(model, fallback),
        List.of(ToolSpec.of("current_time"), new ToolSpec("http_get", Map.of("allow_hosts", List.of("example.org")))));
  }

  @Test
  void theHashIsTheOneAgentsAlreadyHold() {
    assertThat(tools().hash()).isEqualTo(KNOWN);
  }

  @Test
  void equalContentGivesTheSameHashAndOtherContentAnother() {
    ModelTools other = new ModelTools(tools().models(), List.of(ToolSpec.of("current_time")));

    assertThat(tools().hash()).isEqualTo(tools().hash()).isEqualTo(KNOWN);
    assertThat(other.hash()).isNotEqualTo(KNOWN).hasSize(32);
  }

  @Test
  void eachSpecObjectGetsItsOwnContentsHash() {
    ModelTools both = tools();
    AgentSpec first = new AgentSpec("a", null, both.models().get(0), both.tools(), null, null, null,
        both.models().subList(1, 2));
    AgentSpec second = new AgentSpec("b", null, both.models().get(0), List.of(ToolSpec.of("current_time")), null, null,
        null, both.models().subList(1, 2));
    AgentSpec firstAgain = new AgentSpec("a", null, both.models().get(0), both.tools(), null, null, null,
        both.models().subList(1, 2));

    assertThat(ModelTools.hashOf(first)).isEqualTo(KNOWN);
    assertThat(ModelTools.hashOf(first)).isEqualTo(KNOWN);
    assertThat(ModelTools.hashOf(second)).isEqualTo(ModelTools.of(second).hash()).isNotEqualTo(KNOWN);
    assertThat(ModelTools.hashOf(firstAgain)).isEqualTo(KNOWN);
    assertThat(ModelTools.hashOf(first)).isEqualTo(KNOWN);
  }
}
