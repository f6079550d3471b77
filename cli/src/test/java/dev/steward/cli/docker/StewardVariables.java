package dev.steward.cli.docker;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables Steward reads, found in its code and docs rather than listed here:
 * settings are string literals in the main sources (a constant such as {@code "STEWARD_BLOB_DIR"},
 * or picocli's {@code "${env:TEMPORAL_ADDRESS:-...}"}); model keys are read by whatever name an agent
 * file gives, so their names are the ones docs/PROVIDERS.md documents, for providers that exist.
 */
final class StewardVariables {

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
  private static final Pattern PICOCLI_ENV = Pattern.compile("\\$\\{env:([A-Z][A-Z0-9_]*)");
  private static final Pattern PROVIDER_ROW = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|(.*)$");
  private static final Pattern KEY_NAME = Pattern.compile("`([A-Z][A-Z0-9_]*_API_KEY)`");
  private static final Pattern PROVIDER_DECLARATION = Pattern.compile("new Provider\\(\"([a-z0-9-]+)\"");

  private StewardVariables() {}

  /** Every name that appears as a whole string literal, or in {@code ${env:NAME}}, in the main sources. */
  static Set<String> settings(Repository repository) {
    Set<String> names = new TreeSet<>();
    for (Path source : repository.mainSources()) {
      Matcher literal = LITERAL.matcher(Repository.read(source));
      while (literal.find()) {
        String text = literal.group(1);
        if (NAME.matcher(text).matches() && text.contains("_")) {
          names.add(text);
        }
        Matcher env = PICOCLI_ENV.matcher(text);
        while (env.find()) {
          names.add(env.group(1));
        }
      }
    }
    return names;
  }

  /**
   * The model keys docs/PROVIDERS.md names in its provider table, each checked to belong to a
   * provider that client/.../ModelProviders.java declares.
   */
  static Set<String> modelKeys(Repository repository) {
    Set<String> declared = new TreeSet<>();
    Matcher declaration = PROVIDER_DECLARATION.matcher(
        repository.text("client/src/main/java/dev/steward/client/spec/ModelProviders.java"));
    while (declaration.find()) {
      declared.add(declaration.group(1));
    }
    Set<String> keys = new TreeSet<>();
    Matcher row = PROVIDER_ROW.matcher(repository.text("docs/PROVIDERS.md"));
    while (row.find()) {
      Matcher key = KEY_NAME.matcher(row.group(2));
      while (key.find()) {
        if (!declared.contains(row.group(1))) {
          throw new AssertionError("docs/PROVIDERS.md documents " + key.group(1) + " for provider " + row.group(1)
              + ", which ModelProviders does not declare");
        }
        keys.add(key.group(1));
      }
    }
    return keys;
  }
}
