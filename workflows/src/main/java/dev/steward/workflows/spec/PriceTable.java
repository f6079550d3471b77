package dev.steward.workflows.spec;

import java.util.Locale;
import java.util.Map;

/**
 * List prices of common models, used when an agent file gives no {@code model.price}. Prices
 * change: an agent file's own price always wins, and an unknown model costs 0 (its tokens are
 * still counted and limited). Figures are the providers' published list prices per million tokens
 * (input, output) as of 2026.
 */
public final class PriceTable {

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

  /** The model's own price if set, else its list price, else free. */
  public static Price priceOf(ModelSpec model) {
    if (model.price() != null) {
      return model.price();
    }
    if (model.id() == null) {
      return Price.FREE;
    }
    return LIST_PRICES.getOrDefault(model.id().toLowerCase(Locale.ROOT), Price.FREE);
  }
}
