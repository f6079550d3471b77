package dev.steward.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a list of numbers (nearest rank). */
public final class Stats {

  private Stats() {}

  /** The p-th percentile (nearest rank) of the values; NaN when there are none. */
  public static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static double median(List<Double> values) {
    return percentile(values, 50);
  }

  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
