package dev.steward.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Where a new agent's start → first reply goes, per side: the reply's median, and each task's split
 * between the worker's own time and the answer's round trip ({@link TaskClock}), per start. A
 * profiling aid for the overhead work (docs/BENCHMARKS.md, issue 15), not part of the suite's figures.
 *
 * <p>Each start is also cut into its phases ({@link PhaseClock}): the client's call to the first
 * workflow task, each task and the activity on the worker, and each hop between them through the
 * server, to the client's answer; means over the starts whose phases were all seen.
 *
 * <p>Run: {@code java [-Dside=steward|plain] [-Dstarts=200] [-Dwarm=100] [-Dpasses=2] [-Dtransport=tcp]
 * [-Djfr=F.jfr] -cp 'bench/target/steward-bench-*.jar:bench/target/lib/*'
 * dev.steward.bench.FirstReplyTimeline} ({@code tcp}: the test server in a JVM of its own). With
 * {@code -Djfr}, a CPU profile of the measured starts only (not the JVM's start-up and warm-up) is
 * written there, sampled every millisecond ({@code bench/profile-1ms.jfc}, or {@code -Djfc=...});
 * read it with {@code bench/jfr-top.py F.jfr}.
 */
public final class FirstReplyTimeline {

  /** The worker's marks in one start and first reply: two workflow tasks around one activity. */
  private static final List<PhaseClock.Mark> MARKS = List.of(PhaseClock.Mark.TASK_POLLED,
      PhaseClock.Mark.TASK_ANSWERED, PhaseClock.Mark.ACTIVITY_POLLED, PhaseClock.Mark.ACTIVITY_ANSWERED,
      PhaseClock.Mark.TASK_POLLED, PhaseClock.Mark.TASK_ANSWERED);
  /** The gaps between the client's call, {@link #MARKS} and the client's answer. */
  private static final List<String> PHASES = List.of("client's call -> first task", "first task (worker)",
      "its answer -> activity", "activity (worker)", "its answer -> second task", "second task (worker)",
      "its answer -> client's reply");

  private FirstReplyTimeline() {}

  public static void main(String[] args) throws Exception {
    int measured = Integer.getInteger("starts", 200);
    int warm = Integer.getInteger("warm", 100);
    SidePasses.run((rig, subjects, side, pass) -> measure(rig, subjects, side, pass, pass == 0 ? warm : 0, measured));
  }

  /** A started recording when {@code -Djfr} names a file; else null. */
  private static Recording profile() throws IOException, ParseException {
    if (System.getProperty("jfr") == null) {
      return null;
    }
    Recording recording = new Recording(Configuration.create(Path.of(System.getProperty("jfc", "bench/profile-1ms.jfc"))));
    recording.start();
    return recording;
  }

  private static void measure(Rig rig, Subjects subjects, Side side, int pass, int warm, int measured)
      throws IOException, ParseException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < warm; i++) {
      ids.add(subjects.startAndStep(side));
    }
    rig.taskClock.reset();
    List<Double> millis = new ArrayList<>();
    double[] phases = new double[PHASES.size()];
    int phased = 0;
    try (Recording recording = profile()) {
      for (int i = 0; i < measured; i++) {
        long start = System.nanoTime();
        double[] gaps = rig.phaseClock.record(MARKS, () -> ids.add(subjects.startAndStep(side)));
        millis.add(Stats.millisSince(start));
        if (gaps != null) {
          phased++;
          for (int g = 0; g < gaps.length; g++) {
            phases[g] += gaps[g];
          }
        }
      }
      if (recording != null) {
        recording.dump(Path.of(System.getProperty("jfr")));
      }
    }
    System.out.printf("== pass %d, %s: start -> first reply p50 %.2f ms, p99 %.2f ms over %d starts%n", pass, side,
        Stats.median(millis), Stats.percentile(millis, 99), measured);
    rig.taskClock.snapshot().forEach((kind, v) -> System.out.printf(
        "  %-45s %.2f a start, worker %.3f ms, answer %.3f ms (means)%n", kind, v[0] / measured, v[1], v[2]));
    for (int g = 0; g < phases.length && phased > 0; g++) {
      System.out.printf("  %-45s %.3f ms (mean of %d starts)%n", PHASES.get(g), phases[g] / phased, phased);
    }
    ids.forEach(id -> subjects.stop(side, id));
  }
}
