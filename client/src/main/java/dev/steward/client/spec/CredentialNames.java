package dev.steward.client.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks that {@code model.credential} names an environment variable and is not the key itself:
 * an agent spec goes into Temporal's history, where a secret must never be.
 */
final class CredentialNames {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern AWS_ACCESS_KEY = Pattern.compile("(AKIA|ASIA)[0-9A-Z]{16}");
  private static final List<String> SECRET_PREFIXES = List.of(
      "sk-", "sk_", "pk_", "rk_", "xoxb-", "xoxp-", "xapp-", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_",
      "glpat-", "AIza", "hf_", "eyJ", "Bearer ", "bearer ");

  private CredentialNames() {}

  static boolean isEnvironmentVariableName(String value) {
    return ENV_NAME.matcher(value).matches();
  }

  /** True for known key formats and for long strings that look random rather than named. */
  static boolean looksLikeSecret(String value) {
    if (SECRET_PREFIXES.stream().anyMatch(value::startsWith) || AWS_ACCESS_KEY.matcher(value).matches()) {
      return true;
    }
    boolean digits = value.chars().anyMatch(Character::isDigit);
    boolean lower = value.chars().anyMatch(Character::isLowerCase);
    boolean upper = value.chars().anyMatch(Character::isUpperCase);
    boolean mixedWithDigits = digits && lower && upper;
    // Names like OPENAI_API_KEY are short or made of words joined by '_'; keys are long and dense.
    return value.length() >= 20 && (mixedWithDigits || (value.length() >= 32 && value.indexOf('_') < 0));
  }
}
