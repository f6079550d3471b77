package dev.steward.activities.model.limits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which limit applies to which model: rules by model label ({@code provider/id}, e.g. {@code
 * openai/gpt-4.1}), by provider ({@code openai/*}) and for every model ({@code *}). For a model,
 * the exact rule wins over its provider's, which wins over {@code *}; a setting a rule leaves out
 * comes from the next less specific rule. Each model gets its own limit: {@code openai/*} with
 * concurrency 2 lets two calls to each OpenAI model run at once, not two in all.
 *
 * <p>Under every configuration lies the default {@value #DEFAULT_RULE}: at most {@value
 * #DEFAULT_CONCURRENCY} calls to each model at once in this worker, no rate limit. The worker's
 * {@code maxConcurrentActivities} still bounds all activities together.
 */
public final class ModelLimits {

  /** The worker's environment variable these rules come from. */
  public static final String VARIABLE = "STEWARD_MODEL_LIMITS";

  /** Calls to one model running at once when nothing else is configured: 16. */
  public static final int DEFAULT_CONCURRENCY = 16;

  /** The rule beneath every configuration. */
  public static final String DEFAULT_RULE = "*=concurrency:16";

  /** What a worker uses when {@value #VARIABLE} is unset: {@value #DEFAULT_RULE}. */
  public static final ModelLimits DEFAULTS = new ModelLimits(Map.of());

  /** No limit for any model; for tests and for model activities built outside a worker. */
  public static final ModelLimits NONE = new ModelLimits(Map.of("*", ModelLimit.NONE));

  private final Map<String, ModelLimit> rules;

  /** These rules (pattern to limit) over the default rule {@value #DEFAULT_RULE}. */
  ModelLimits(Map<String, ModelLimit> rules) {
    Map<String, ModelLimit> all = new LinkedHashMap<>(rules);
    all.put("*", all.getOrDefault("*", new ModelLimit(null, null))
        .or(new ModelLimit(DEFAULT_CONCURRENCY, (double) ModelLimit.UNLIMITED)));
    this.rules = Collections.unmodifiableMap(all);
  }

  /**
   * Reads {@value #VARIABLE} syntax (see {@link ModelLimitsParser}); null or blank means {@link
   * #DEFAULTS}.
   *
   * @throws IllegalArgumentException naming the variable and the part it cannot read
   */
  public static ModelLimits parse(String text) {
    return ModelLimitsParser.parse(text);
  }

  /** The limit for the model with this label, e.g. {@code openai/gpt-4.1}; case does not matter. */
  public ModelLimit forModel(String label) {
    String key = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
    int slash = key.indexOf('/');
    String provider = slash < 0 ? key : key.substring(0, slash);
    ModelLimit limit = rules.get("*");
    limit = or(rules.get(provider + "/*"), limit);
    limit = slash < 0 ? limit : or(rules.get(key), limit);
    return limit.or(ModelLimit.NONE);
  }

  /** The rules, most general last, in {@value #VARIABLE} syntax. */
  @Override
  public String toString() {
    return rules.entrySet().stream()
        .filter(e -> !e.getKey().equals("*"))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";", "", rules.size() > 1 ? ";" : ""))
        + "*=" + rules.get("*");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelLimits other && rules.equals(other.rules);
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  private static ModelLimit or(ModelLimit specific, ModelLimit lessSpecific) {
    return specific == null ? lessSpecific : specific.or(lessSpecific);
  }
}
