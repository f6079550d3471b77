package dev.steward.bench;

import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints where a Steward turn's history bytes go: the events one tool-calling turn adds to a warm
 * agent, each with its type and serialized size, and the same for the plain workflow. A profiling
 * aid for the overhead work (docs/BENCHMARKS.md), not part of the suite's figures.
 *
 * <p>Run: {@code java -cp 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.TurnAnatomy}
 */
public final class TurnAnatomy {

  private TurnAnatomy() {}

  public static void main(String[] args) throws Exception {
    try (BenchServer server = BenchServer.inProcess(); Rig rig = new Rig(server, null, "inproc")) {
      Subjects subjects = new Subjects(rig);
      for (Side side : Side.values()) {
        String id = subjects.start(side);
        subjects.turn(side, id);
        int before = events(rig, id).size();
        subjects.turn(side, id);
        List<HistoryEvent> all = events(rig, id);
        long total = 0;
        Map<String, Long> byType = new TreeMap<>();
        System.out.println("== " + side + ": events of the second turn");
        for (HistoryEvent e : all.subList(before, all.size())) {
          total += e.getSerializedSize();
          byType.merge(e.getEventType().name(), (long) e.getSerializedSize(), Long::sum);
          System.out.printf("%5d  %s%n", e.getSerializedSize(), e.getEventType());
        }
        byType.forEach((type, bytes) -> System.out.printf("   %6d  %s%n", bytes, type));
        System.out.println("   total " + total + " bytes, " + (all.size() - before) + " events");
        if (args.length > 0 && args[0].equals("-v")) {
          all.subList(before, all.size()).forEach(System.out::println);
        }
        subjects.stop(side, id);
      }
    }
  }

  private static List<HistoryEvent> events(Rig rig, String id) {
    return rig.plainClient.fetchHistory(id).getHistory().getEventsList();
  }
}
