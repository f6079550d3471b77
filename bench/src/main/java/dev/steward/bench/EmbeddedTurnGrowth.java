package dev.steward.bench;

import dev.steward.cli.EmbeddedTemporal;
import dev.steward.worker.WorkerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * How a turn's time grows with an agent's history on the embedded server (`steward run`, `steward
 * dev --server embedded`). That server keeps sticky execution only for the worker in its own
 * process; any other worker gets every workflow task with the whole history and replays it, so that
 * an agent outlives a killed worker. Three modes, all over TCP: {@code in-process} (the embedded
 * server, the workers named as its own), {@code other} (the embedded server, workers with the SDK's
 * identity) and {@code bench} (the bench's test server, always sticky). Prints each side's turn p50
 * per block of 50 turns. A profiling aid for docs/BENCHMARKS.md, not part of the suite.
 *
 * <p>Run: {@code java [-Dmode=in-process|other|bench] [-Dturns=400] -cp
 * 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.EmbeddedTurnGrowth}
 */
public final class EmbeddedTurnGrowth {

  private static final int BLOCK = 50;

  private EmbeddedTurnGrowth() {}

  public static void main(String[] args) throws Exception {
    int turns = Integer.getInteger("turns", 400) / BLOCK * BLOCK;
    String mode = System.getProperty("mode", "in-process");
    AutoCloseable server;
    Rig rig;
    if (mode.equals("bench")) {
      BenchServer bench = BenchServer.onPort(0);
      server = bench;
      rig = new Rig(null, bench.address(), "tcp");
    } else {
      EmbeddedTemporal embedded = EmbeddedTemporal.startOnFreePort();
      server = embedded;
      BenchServer.registerSearchAttributes(embedded.address());
      String identity = mode.equals("in-process")
          ? embedded.forInProcessWorker(WorkerSettings.defaults()).identity() : null;
      rig = new Rig(embedded.address(), identity);
    }
    try (server; rig) {
      Subjects subjects = new Subjects(rig);
      for (Side side : Side.values()) {
        String id = subjects.start(side);
        subjects.turn(side, id);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
          long start = System.nanoTime();
          subjects.turn(side, id);
          millis.add(Stats.millisSince(start));
        }
        StringBuilder line = new StringBuilder(String.format("%-10s %-7s", mode, side));
        for (int i = 0; i < turns; i += BLOCK) {
          line.append(String.format(" %6.1f", Stats.median(millis.subList(i, i + BLOCK))));
        }
        System.out.println(line);
        subjects.stop(side, id);
      }
    }
    // Worker threads of the SDK are not all daemons.
    System.exit(0);
  }
}
