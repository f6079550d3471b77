package dev.steward.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cost budget is only as good as the prices behind it: models without one are found wherever they sit. */
class CostBudgetsTest {

  private static final Limits BUDGET = new Limits(0, 0, 0, 0, 5.0);

  private static ModelSpec model(String provider, String id) {
    return new ModelSpec(provider, id, null, null, null, null, null, null, null);
  }

  private static AgentSpec agent(Limits limits, ModelSpec model, List<ModelSpec> fallbacks, ModelSpec summarizer,
      List<ToolSpec> tools) {
    return new AgentSpec("a", "", model, tools, limits, null, null, fallbacks,
        new MemorySpec(List.of(), 0, summarizer, null));
  }

  @Test
  void everyModelWithoutAPriceUnderABudgetIsNamedByItsPlace() {
    AgentSpec spec = agent(BUDGET, model("openai", "gpt-9"), List.of(model("openai", "gpt-4.1-mini"),
        model("anthropic", "claude-opus-9")), model("gemini", "gemini-9"), List.of());

    assertThat(CostBudgets.unpriced(spec)).extracting(CostBudgets.Unpriced::path)
        .containsExactly("model", "fallbacks[1]", "memory.summarizer");
    assertThat(CostBudgets.unpriced(spec).get(0).message())
        .startsWith("openai/gpt-9 has no known price, so limits.max_cost_usd cannot be kept")
        .contains("price: {input_per_million: 2.00, output_per_million: 8.00}", PriceTable.AS_OF, "gpt-4.1-mini");
  }

  @Test
  void ownPricesListedModelsScriptedAndOllamaAreKnownAndNoBudgetNeedsNone() {
    ModelSpec priced = new ModelSpec("openai", "llama3.1", "http://localhost:11434/v1", null, null, null, null, null,
        null, new Price(0, 0));
    AgentSpec spec = agent(BUDGET, priced, List.of(model("scripted", null), model("ollama", "llama3.1"),
        model("openai", "GPT-4.1")), null, List.of());

    assertThat(CostBudgets.unpriced(spec)).isEmpty();
    assertThat(CostBudgets.unpriced(agent(Limits.DEFAULTS, model("openai", "gpt-9"), List.of(), null, List.of())))
        .isEmpty();
  }

  @Test
  void subAgentsShareTheirParentsBudget() {
    Map<String, Object> child = Map.of("name", "writer", "model", Map.of("provider", "anthropic", "id", "claude-9"));
    AgentSpec parent = agent(BUDGET, model("scripted", null), List.of(), null,
        List.of(ToolSpec.of("current_time"), new ToolSpec("agent:writer", Map.of("spec", child))));

    List<CostBudgets.Unpriced> found = CostBudgets.unpriced(parent);
    assertThat(found).extracting(CostBudgets.Unpriced::path).containsExactly("tools[1].spec.model");
    assertThat(found.get(0).message()).contains("the parent agent's limits.max_cost_usd");
    assertThat(CostBudgets.unpriced(parent.withLimits(Limits.DEFAULTS))).isEmpty();
  }
}
