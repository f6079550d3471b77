package dev.steward.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Both sides on one in-process test server and one pair of workers for the whole run, as a long
 * {@code steward dev} serves them, where the suite starts afresh every round: the JIT settles over
 * the rounds instead of meeting new workers each time. Per round and side (the side that goes first
 * alternates): a fresh agent's turn p50, the process's CPU per turn, start → first reply p50 and
 * the JIT's compile time. A profiling aid for docs/BENCHMARKS.md, not part of the suite's figures.
 *
 * <p>Run: {@code java [-Drounds=30] [-Dturns=100] [-Dstarts=50] -cp
 * 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.LongLivedRounds}
 */
public final class LongLivedRounds {

  private LongLivedRounds() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 30);
    int turns = Integer.getInteger("turns", 100);
    int starts = Integer.getInteger("starts", 50);
    try (BenchServer server = BenchServer.inProcess(); Rig rig = new Rig(server, null, "inproc")) {
      Subjects subjects = new Subjects(rig);
      for (int r = 0; r < rounds; r++) {
        StringBuilder line = new StringBuilder(String.format("round %2d", r + 1));
        for (Side side : r % 2 == 0 ? List.of(Side.STEWARD, Side.PLAIN) : List.of(Side.PLAIN, Side.STEWARD)) {
          line.append(measure(subjects, side, turns, starts));
        }
        System.out.println(line);
      }
    }
    // Worker threads of the SDK are not all daemons.
    System.exit(0);
  }

  private static String measure(Subjects subjects, Side side, int turns, int starts) {
    long compiled = compileMillis();
    String id = subjects.start(side);
    subjects.turn(side, id);
    List<Double> turnMs = new ArrayList<>();
    long cpu = TurnTimeline.processCpuNanos();
    for (int i = 0; i < turns; i++) {
      long start = System.nanoTime();
      subjects.turn(side, id);
      turnMs.add(Stats.millisSince(start));
    }
    double cpuPerTurn = (TurnTimeline.processCpuNanos() - cpu) / 1e6 / turns;
    subjects.stop(side, id);
    List<Double> firstMs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < starts; i++) {
      long start = System.nanoTime();
      ids.add(subjects.startAndStep(side));
      firstMs.add(Stats.millisSince(start));
    }
    ids.forEach(started -> subjects.stop(side, started));
    return String.format(" | %-7s turn %5.2f ms (CPU %4.2f ms) first reply %5.2f ms, JIT %4d ms", side,
        Stats.median(turnMs), cpuPerTurn, Stats.median(firstMs), compileMillis() - compiled);
  }

  private static long compileMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }
}
