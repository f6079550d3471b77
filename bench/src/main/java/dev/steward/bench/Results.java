package dev.steward.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of a run: per metric and side, one value per round; and server calls per turn by method. */
final class Results {

  /** A figure's name and its unit. */
  record Metric(String name, String unit) {}

  final Map<Metric, Map<Side, List<Double>>> values = new LinkedHashMap<>();
  final Map<Side, Map<String, Double>> workerCallsPerTurn = new EnumMap<>(Side.class);
  final Map<Side, Map<String, Double>> clientCallsPerTurn = new EnumMap<>(Side.class);
  /** The in-process test server's clock, as {@link TimeLockProbe} saw it (last round); empty otherwise. */
  final Map<Side, Map<String, Double>> testServer = new EnumMap<>(Side.class);

  /** Seconds each side took for the JVM warm-up before the first round (the cold cost); empty without one. */
  final Map<Side, Double> jvmWarmUpSeconds = new EnumMap<>(Side.class);
  /** Untimed turns a side each round's server got before its rows (a server JVM of its own); 0 for none. */
  int serverWarmTurns;

  /** Fixes the order the metrics are reported in. */
  Results(List<Metric> order) {
    order.forEach(m -> values.put(m, new EnumMap<>(Side.class)));
  }

  void add(Metric metric, Side side, double value) {
    values.computeIfAbsent(metric, m -> new EnumMap<>(Side.class))
        .computeIfAbsent(side, s -> new ArrayList<>()).add(value);
  }

  List<Double> of(Metric metric, Side side) {
    return values.getOrDefault(metric, Map.of()).getOrDefault(side, List.of());
  }
}
