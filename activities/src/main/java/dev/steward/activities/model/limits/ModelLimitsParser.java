package dev.steward.activities.model.limits;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code STEWARD_MODEL_LIMITS}: rules separated by {@code ;}, each {@code MODEL=SETTING,...}.
 *
 * <ul>
 *   <li>{@code MODEL} is a model label {@code provider/id} ({@code openai/gpt-4.1}), every model of a
 *       provider ({@code openai/*}) or every model ({@code *}).
 *   <li>{@code SETTING} is {@code concurrency:N} (calls at once, a whole number from 1) or {@code
 *       rps:R} (calls started per second, a number above 0, e.g. {@code 0.5} for one every two
 *       seconds); either may be {@code unlimited}.
 * </ul>
 *
 * <p>Example: {@code openai/gpt-4.1=concurrency:4,rps:2;anthropic/*=concurrency:2;*=concurrency:16}.
 * Spaces around the parts are ignored, and so is an empty rule (a trailing {@code ;}).
 */
final class ModelLimitsParser {

  static final String SYNTAX = "MODEL=concurrency:N,rps:R;... where MODEL is provider/id, provider/* or *"
      + " (e.g. openai/gpt-4.1=concurrency:4,rps:2;anthropic/*=concurrency:2)";

  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_.-]+");

  private ModelLimitsParser() {}

  static ModelLimits parse(String text) {
    if (text == null || text.isBlank()) {
      return ModelLimits.DEFAULTS;
    }
    Map<String, ModelLimit> rules = new LinkedHashMap<>();
    for (String rule : text.split(";")) {
      if (rule.isBlank()) {
        continue;
      }
      int eq = rule.indexOf('=');
      if (eq < 0) {
        throw error(rule, "expected MODEL=SETTINGS");
      }
      String pattern = pattern(rule, rule.substring(0, eq).trim().toLowerCase(Locale.ROOT));
      if (rules.containsKey(pattern)) {
        throw error(rule, "'" + pattern + "' has a rule already; give each model one rule");
      }
      rules.put(pattern, settings(rule, rule.substring(eq + 1)));
    }
    return new ModelLimits(rules);
  }

  private static String pattern(String rule, String pattern) {
    if (pattern.equals("*")) {
      return pattern;
    }
    int slash = pattern.indexOf('/');
    if (slash < 0) {
      throw error(rule, "'" + pattern + "' is not a model; write provider/id, provider/* or *"
          + (pattern.isEmpty() ? "" : " (e.g. " + pattern + "/*)"));
    }
    String provider = pattern.substring(0, slash);
    String id = pattern.substring(slash + 1);
    if (!PROVIDER.matcher(provider).matches()) {
      throw error(rule, "'" + provider + "' is not a provider name (e.g. openai, anthropic)");
    }
    if (id.isEmpty() || (id.contains("*") && !id.equals("*")) || id.chars().anyMatch(Character::isWhitespace)) {
      throw error(rule, "'" + pattern + "' is not a model; after 'provider/' write the model id or * alone");
    }
    return pattern;
  }

  private static ModelLimit settings(String rule, String settings) {
    Integer concurrency = null;
    Double rps = null;
    if (settings.isBlank()) {
      throw error(rule, "no settings; give concurrency:N and/or rps:R");
    }
    for (String setting : settings.split(",")) {
      int colon = setting.indexOf(':');
      String key = (colon < 0 ? setting : setting.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
      String value = colon < 0 ? "" : setting.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (key) {
        case "concurrency" -> {
          if (concurrency != null) {
            throw error(rule, "concurrency is given twice");
          }
          concurrency = concurrency(rule, value);
        }
        case "rps" -> {
          if (rps != null) {
            throw error(rule, "rps is given twice");
          }
          rps = rps(rule, value);
        }
        default -> throw error(rule, "unknown setting '" + setting.trim() + "'; use concurrency:N or rps:R");
      }
    }
    return new ModelLimit(concurrency, rps);
  }

  private static int concurrency(String rule, String value) {
    if (value.equals("unlimited")) {
      return ModelLimit.UNLIMITED;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the rule.
    }
    throw error(rule, "concurrency must be a whole number from 1, or unlimited; got '" + value + "'");
  }

  private static double rps(String rule, String value) {
    if (value.equals("unlimited")) {
      return ModelLimit.UNLIMITED;
    }
    try {
      double r = Double.parseDouble(value);
      // Plain decimals only, so NaN, Infinity and exponents are refused.
      if (r > 0 && value.matches("[0-9]*\\.?[0-9]+")) {
        return r;
      }
    } catch (NumberFormatException e) {
      // Reported below with the rule.
    }
    throw error(rule, "rps must be a number of calls per second above 0 (e.g. 2 or 0.5), or unlimited; got '"
        + value + "'");
  }

  private static IllegalArgumentException error(String rule, String problem) {
    return new IllegalArgumentException(ModelLimits.VARIABLE + ": in '" + rule.trim() + "': " + problem
        + ". Syntax: " + SYNTAX);
  }
}
