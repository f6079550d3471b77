package dev.steward.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names docs/OPERATIONS.md lists in its tables, and the ones an expression uses. */
final class DocumentedMetrics {

  static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
  static final Path DASHBOARD = Path.of("..", "docs", "grafana", "steward.json");

  private static final Pattern ROW = Pattern.compile("^\\| `((?:steward|temporal)_[a-z_]+)` \\|", Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("\\b((?:steward|temporal)_[a-z_]+)\\b");
  /** What Prometheus adds to a histogram's or timer's base name. */
  private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

  private DocumentedMetrics() {}

  /** Every name in a table row of docs/OPERATIONS.md. */
  static Set<String> names() throws IOException {
    return matches(ROW, Files.readString(OPERATIONS));
  }

  /** Names in the rows that say the series appears only after some event. */
  static Set<String> conditional() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(OPERATIONS)) {
      Matcher m = ROW.matcher(line);
      if (m.find() && line.contains("appears after the first")) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /**
   * The base names of the series an expression (or a scrape) uses: a name with a histogram's or
   * timer's suffix counts as its base name, unless the name itself is documented (a gauge may end in
   * {@code _count}).
   */
  static Set<String> usedIn(String text) throws IOException {
    Set<String> documented = names();
    Set<String> names = new TreeSet<>();
    for (String name : matches(NAME, text)) {
      names.add(documented.contains(name) ? name : SERIES_SUFFIX.matcher(name).replaceAll(""));
    }
    return names;
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
