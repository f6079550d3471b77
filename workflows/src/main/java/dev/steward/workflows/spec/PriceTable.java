package dev.steward.workflows.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * List prices of common models, used when an agent file gives no {@code model.price}. Prices
 * change: an agent file's own price always wins. A model with neither costs 0 here (its tokens are
 * still counted and limited), which is why an agent with a cost budget on such a model is refused at
 * start ({@link CostBudgets}).
 */
public final class PriceTable {

  /** When the figures below were taken from {@link #SOURCE}. */
  public static final String AS_OF = "2026-11-26";

  /** Where the figures come from: the providers' published list prices for standard (non-batch) calls. */
  public static final String SOURCE = "the providers' pricing pages (openai.com/api/pricing, "
      + "anthropic.com/pricing, ai.google.dev/gemini-api/docs/pricing), standard tier, prompts up to 200k tokens";

  /** Providers whose models cost nothing by definition: scripted replies, and local Ollama models. */
  public static final Set<String> FREE_PROVIDERS = Set.of("scripted", "ollama");

  // US dollars per million tokens (input, output); the table in docs/PROVIDERS.md shows the same.
  private static final Map<String, Price> LIST_PRICES = Map.ofEntries(
      Map.entry("gpt-4.1", new Price(2.00, 8.00)),
      Map.entry("gpt-4.1-mini", new Price(0.40, 1.60)),
      Map.entry("gpt-4.1-nano", new Price(0.10, 0.40)),
      Map.entry("gpt-4o", new Price(2.50, 10.00)),
      Map.entry("gpt-4o-mini", new Price(0.15, 0.60)),
      Map.entry("claude-sonnet-4-5", new Price(3.00, 15.00)),
      Map.entry("claude-haiku-4-5", new Price(1.00, 5.00)),
      Map.entry("gemini-2.5-pro", new Price(1.25, 10.00)),
      Map.entry("gemini-2.5-flash", new Price(0.30, 2.50)));

  private PriceTable() {}

  /**
   * The model's own price if set, else its list price, else free. Running agents price their calls
   * with this, so its answer for a spec must never change within a release.
   */
  public static Price priceOf(ModelSpec model) {
    return knownPrice(model).orElse(Price.FREE);
  }

  /**
   * The model's own price if set, else its list price, else free for {@link #FREE_PROVIDERS};
   * empty when nobody knows what the model costs.
   */
  public static Optional<Price> knownPrice(ModelSpec model) {
    if (model.price() != null) {
      return Optional.of(model.price());
    }
    Price listed = model.id() == null ? null : LIST_PRICES.get(model.id().toLowerCase(Locale.ROOT));
    if (listed != null) {
      return Optional.of(listed);
    }
    return FREE_PROVIDERS.contains(model.provider()) ? Optional.of(Price.FREE) : Optional.empty();
  }

  /** The model ids the table lists, sorted. */
  public static Set<String> listedModels() {
    return new TreeSet<>(LIST_PRICES.keySet());
  }
}
