package dev.steward.workflows.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.workflows.tools.BuiltinTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the models a cost budget cannot be kept on: an agent with {@code limits.max_cost_usd} whose
 * model, fallbacks or summariser have no known price would count them at $0 and never stop. Every
 * way in (agent files, the client, the gateway) refuses such a spec at start.
 */
public final class CostBudgets {

  // As the workflow reads a sub-agent's spec from its tool's options.
  private static final ObjectMapper OPTIONS = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * A model without a price under a cost budget.
   *
   * @param path where the model sits in the spec, e.g. {@code fallbacks[0]} or {@code tools[1].spec.model}
   * @param model the model
   * @param inherited true when the budget is a parent agent's, which its sub-agents share
   */
  public record Unpriced(String path, ModelSpec model, boolean inherited) {

    /** One line that names the model and how to give its price. */
    public String message() {
      String budget = inherited ? "the parent agent's limits.max_cost_usd" : "limits.max_cost_usd";
      return model.label() + " has no known price, so " + budget + " cannot be kept (its calls would count as $0);"
          + " give the price in US dollars per million tokens under this model, e.g. price: {input_per_million: 2.00,"
          + " output_per_million: 8.00}, or remove the cost budget. Built-in prices (" + PriceTable.AS_OF + "): "
          + String.join(", ", PriceTable.listedModels()) + "; " + String.join(" and ", PriceTable.FREE_PROVIDERS.stream()
              .sorted().toList()) + " models are free";
    }
  }

  private CostBudgets() {}

  /** The unpriced models under a cost budget in the spec and its sub-agents, in spec order. */
  public static List<Unpriced> unpriced(AgentSpec spec) {
    return unpriced(spec, false);
  }

  /**
   * @param inheritedBudget true when a parent agent has a cost budget, which the spec's agent shares
   */
  public static List<Unpriced> unpriced(AgentSpec spec, boolean inheritedBudget) {
    List<Unpriced> found = new ArrayList<>();
    collect(spec, "", inheritedBudget, found);
    return found;
  }

  private static void collect(AgentSpec spec, String at, boolean inherited, List<Unpriced> found) {
    boolean own = spec.limits().maxCostUsd() > 0;
    if (!own && !inherited) {
      // A sub-agent gets a cost budget only from its own limits or a budgeted parent.
      collectSubAgents(spec, at, false, found);
      return;
    }
    boolean fromParent = !own;
    check(spec.model(), at + "model", fromParent, found);
    for (int i = 0; i < spec.fallbacks().size(); i++) {
      check(spec.fallbacks().get(i), at + "fallbacks[" + i + "]", fromParent, found);
    }
    check(spec.memory().summarizer(), at + "memory.summarizer", fromParent, found);
    collectSubAgents(spec, at, true, found);
  }

  private static void check(ModelSpec model, String path, boolean inherited, List<Unpriced> found) {
    if (model != null && model.provider() != null && PriceTable.knownPrice(model).isEmpty()) {
      found.add(new Unpriced(path, model, inherited));
    }
  }

  private static void collectSubAgents(AgentSpec spec, String at, boolean budgeted, List<Unpriced> found) {
    for (int i = 0; i < spec.tools().size(); i++) {
      ToolSpec tool = spec.tools().get(i);
      if (tool == null || tool.name() == null || !tool.name().startsWith(BuiltinTools.AGENT_PREFIX)
          || !(tool.options().get("spec") instanceof Map<?, ?> inline)) {
        continue;
      }
      AgentSpec child;
      try {
        child = OPTIONS.convertValue(inline, AgentSpec.class);
      } catch (IllegalArgumentException e) {
        continue; // Not a spec: the checks that read sub-agents say so.
      }
      collect(child, at + "tools[" + i + "].spec.", budgeted, found);
    }
  }
}
