package dev.steward.client.spec;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt field names, providers and tools. */
final class Suggestions {

  private Suggestions() {}

  /** The candidate closest to {@code input}, if it is close enough to be a likely typo. */
  static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(input.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // Up to a third of the word may differ, and at least one edit is allowed for short words.
    int allowed = Math.max(1, Math.min(3, input.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** "; did you mean 'x'?" or, with no close candidate, a plain ".". Either ends a sentence. */
  static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> "; did you mean '" + c + "'?").orElse(".");
  }

  /** Levenshtein distance, with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
