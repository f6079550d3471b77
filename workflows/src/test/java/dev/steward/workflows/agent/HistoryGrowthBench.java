package dev.steward.workflows.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** The figures for docs/BENCHMARKS.md: run by bench/history-growth.sh, not in CI. */
@EnabledIfSystemProperty(named = "steward.bench", matches = "true")
class HistoryGrowthBench {

  @Test
  void historyBytesPerTurn() throws Exception {
    int turns = Integer.getInteger("steward.bench.turns", 1_000);
    List<HistoryGrowth.TurnBytes> bytes = HistoryGrowth.run(turns, t -> t == 10 || t == 100 || t == turns);
    StringBuilder table = new StringBuilder("| turn | by reference (Steward now) | inline, compacted | inline, whole conversation (before) |\n|---|---|---|---|\n");
    for (HistoryGrowth.TurnBytes b : bytes) {
      table.append(String.format(Locale.ROOT, "| %d | %,d | %,d | %,d |%n", b.turn(), b.byReference(), b.inline(),
          b.inlineUncompacted()));
    }
    HistoryGrowth.TurnBytes first = bytes.get(0);
    HistoryGrowth.TurnBytes last = bytes.get(bytes.size() - 1);
    table.append(String.format(Locale.ROOT, "%nratio turn %d / turn %d: %.2f now; %.2f inline compacted; %.2f before%n",
        last.turn(), first.turn(), (double) last.byReference() / first.byReference(),
        (double) last.inline() / first.inline(), (double) last.inlineUncompacted() / first.inlineUncompacted()));
    System.out.println(table);
    Files.writeString(Path.of("target", "history-growth.md"), table.toString());
  }
}
