package dev.steward.bench;

import io.temporal.api.history.v1.HistoryEvent;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a warm tool-calling turn's time goes, per side: the gap before each event the turn adds to
 * the history (the server's clock, millisecond resolution), and each task's split between the
 * worker's own time and the answer's round trip ({@link TaskClock}). A profiling aid for the
 * overhead work (docs/BENCHMARKS.md), not part of the suite's figures.
 *
 * <p>Run: {@code java [-Dside=steward|plain] [-Dturns=40] [-Dpasses=2] -cp
 * 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.TurnTimeline}; add
 * {@code -XX:StartFlightRecording=...} for a CPU profile of the same turns.
 */
public final class TurnTimeline {

  private static final int WARM_TURNS = 40;

  private TurnTimeline() {}

  public static void main(String[] args) throws Exception {
    int measured = Integer.getInteger("turns", 40);
    SidePasses.run((rig, subjects, side, pass) -> measure(rig, subjects, side, pass, measured));
  }

  private static void measure(Rig rig, Subjects subjects, Side side, int pass, int measured) {
    String id = subjects.start(side);
    for (int i = 0; i < WARM_TURNS; i++) {
      subjects.turn(side, id);
    }
    Map<String, List<Double>> gaps = new LinkedHashMap<>();
    List<Double> turnMs = new ArrayList<>();
    long cpuNanos = 0;
    rig.taskClock.reset();
    for (int t = 0; t < measured; t++) {
      int before = history(rig, id).size();
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      subjects.turn(side, id);
      turnMs.add((System.nanoTime() - start) / 1e6);
      cpuNanos += processCpuNanos() - cpuBefore;
      List<HistoryEvent> all = history(rig, id);
      if (before == 0 || before > all.size()) {
        continue; // the turn continued the agent as new: its events are in the next run
      }
      HistoryEvent previous = all.get(before - 1);
      int position = 0;
      for (HistoryEvent e : all.subList(before, all.size())) {
        String key = String.format("%02d %s", position++, e.getEventType().name().replace("EVENT_TYPE_", ""));
        gaps.computeIfAbsent(key, k -> new ArrayList<>()).add((nanos(e) - nanos(previous)) / 1e6);
        previous = e;
      }
    }
    System.out.printf("== pass %d, %s: turn p50 %.2f ms over %d turns, process CPU %.3f ms a turn%n", pass, side,
        Stats.median(turnMs), measured, cpuNanos / 1e6 / measured);
    gaps.forEach((event, ms) -> System.out.printf("  %-45s gap before: median %.2f ms, mean %.2f ms%n", event,
        Stats.median(ms), ms.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    rig.taskClock.snapshot().forEach((kind, v) -> System.out.printf(
        "  %-45s %.1f a turn, worker %.3f ms, answer %.3f ms (means)%n", kind, v[0] / measured, v[1], v[2]));
    subjects.stop(side, id);
  }

  /**
   * CPU time of the whole process (client, worker and in-process server alike); under a busy machine
   * a steadier measure of a change than wall time, which waits for the other builds too.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static List<HistoryEvent> history(Rig rig, String id) {
    return rig.plainClient.fetchHistory(id).getHistory().getEventsList();
  }

  private static long nanos(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1_000_000_000L + e.getEventTime().getNanos();
  }
}
