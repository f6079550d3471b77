package dev.steward.bench;

import java.util.Map;
import java.util.TreeSet;

/** A run's figures as Markdown: a header naming the conditions, the side-by-side table, the call counts. */
final class Report {

  private Report() {}

  static String markdown(Results results, String transport, Sizes sizes, String sizeName, double loadBefore,
      double loadAfter, String started) {
    StringBuilder md = new StringBuilder();
    md.append("## ").append(transport).append(" · JDK ").append(Runtime.version().feature())
        .append(" · ").append(sizeName).append('\n').append('\n');
    md.append("- started ").append(started).append(", JDK ").append(Runtime.version())
        .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, virtual workflow threads: ")
        .append(dev.steward.worker.StewardWorker.usesVirtualWorkflowThreads() ? "yes" : "no").append('\n');
    md.append(String.format("- load average (1 min) before %.2f, after %.2f%n", loadBefore, loadAfter));
    md.append("- sizes: ").append(sizes).append('\n');
    if (!results.jvmWarmUpSeconds.isEmpty()) {
      md.append(String.format("- JVM warm-up before the rounds, not in the table: %,d turns and %,d starts a side, "
          + "in %d alternating parts; it took Steward %.1f s, plain %.1f s%n", sizes.jvmWarmTurns(),
          sizes.jvmWarmTurns() / 10, BenchMain.WARM_PARTS, results.jvmWarmUpSeconds.getOrDefault(Side.STEWARD, 0.0),
          results.jvmWarmUpSeconds.getOrDefault(Side.PLAIN, 0.0)));
    }
    if (results.serverWarmTurns > 0) {
      md.append(String.format("- each round's server JVM warmed before its rows, not in the table: %,d turns and %,d "
          + "starts a side%n", results.serverWarmTurns, results.serverWarmTurns / 10));
    }
    md.append('\n');
    md.append("| what | unit | Steward min | Steward median | plain min | plain median | ratio of medians |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    results.values.forEach((metric, bySide) -> {
      if (bySide.isEmpty()) {
        return; // a row bench.scenarios left out
      }
      double sMin = Stats.min(results.of(metric, Side.STEWARD));
      double sMed = Stats.median(results.of(metric, Side.STEWARD));
      double pMin = Stats.min(results.of(metric, Side.PLAIN));
      double pMed = Stats.median(results.of(metric, Side.PLAIN));
      md.append(String.format("| %s | %s | %s | %s | %s | %s | %.2f× |%n", metric.name(), metric.unit(),
          number(sMin), number(sMed), number(pMin), number(pMed), sMed / pMed));
    });
    md.append('\n').append("Min and median are over rounds. Server calls per turn (last round), by method:\n\n");
    md.append("| stubs | method | Steward | plain |\n|---|---|---|---|\n");
    calls(md, "worker", results.workerCallsPerTurn);
    calls(md, "client", results.clientCallsPerTurn);
    if (!results.testServer.isEmpty()) {
      md.append('\n').append("The in-process test server's clock (last round; see docs/BENCHMARKS.md, "
          + "\"Why Steward costs the test server more\"):\n\n");
      md.append("| server | what | Steward | plain |\n|---|---|---|---|\n");
      calls(md, "test server", results.testServer);
    }
    return md.append('\n').toString();
  }

  private static void calls(StringBuilder md, String stubs, Map<Side, Map<String, Double>> perTurn) {
    Map<String, Double> steward = perTurn.getOrDefault(Side.STEWARD, Map.of());
    Map<String, Double> plain = perTurn.getOrDefault(Side.PLAIN, Map.of());
    TreeSet<String> methods = new TreeSet<>(steward.keySet());
    methods.addAll(plain.keySet());
    for (String method : methods) {
      md.append(String.format("| %s | %s | %.2f | %.2f |%n", stubs, method, steward.getOrDefault(method, 0.0),
          plain.getOrDefault(method, 0.0)));
    }
  }

  /** Three significant digits or more: sub-millisecond rows (a start in-process) show their hundredths. */
  private static String number(double value) {
    if (value >= 100) {
      return String.format("%,.0f", value);
    }
    return value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
  }
}
