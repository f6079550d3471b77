package dev.steward.bench;

import dev.steward.cli.EmbeddedTemporal;
import java.util.ArrayList;
import java.util.List;

/**
 * How a turn's time grows with an agent's history on the embedded server (`steward run`, `steward
 * dev --server embedded`), which turns sticky execution off so that an agent outlives a killed
 * worker: every workflow task then brings the whole history and the worker replays it. Against the
 * same test server with sticky execution (the bench's own), both over TCP. Prints each side's turn
 * p50 per block of 50 turns. A profiling aid for docs/BENCHMARKS.md, not part of the suite.
 *
 * <p>Run: {@code java [-Dembedded=true|false] [-Dturns=400] -cp
 * 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.EmbeddedTurnGrowth}
 */
public final class EmbeddedTurnGrowth {

  private static final int BLOCK = 50;

  private EmbeddedTurnGrowth() {}

  public static void main(String[] args) throws Exception {
    int turns = Integer.getInteger("turns", 400) / BLOCK * BLOCK;
    boolean embedded = Boolean.parseBoolean(System.getProperty("embedded", "true"));
    AutoCloseable server;
    String address;
    if (embedded) {
      EmbeddedTemporal e = EmbeddedTemporal.startOnFreePort();
      server = e;
      address = e.address();
      BenchServer.registerSearchAttributes(address);
    } else {
      BenchServer b = BenchServer.onPort(0);
      server = b;
      address = b.address();
    }
    try (server; Rig rig = new Rig(null, address, "tcp")) {
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
        StringBuilder line = new StringBuilder(String.format("%s %-7s", embedded ? "embedded" : "sticky  ", side));
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
