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
 * <p>Run: {@code java [-Dside=steward|plain] [-Dstarts=200] [-Dwarm=100] [-Dpasses=2] [-Djfr=F.jfr] -cp
 * 'bench/target/steward-bench-*.jar:bench/target/lib/*' dev.steward.bench.FirstReplyTimeline}. With
 * {@code -Djfr}, a CPU profile of the measured starts only (not the JVM's start-up and warm-up) is
 * written there, sampled every millisecond ({@code bench/profile-1ms.jfc}, or {@code -Djfc=...});
 * read it with {@code bench/jfr-top.py F.jfr}.
 */
public final class FirstReplyTimeline {

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
    try (Recording recording = profile()) {
      for (int i = 0; i < measured; i++) {
        long start = System.nanoTime();
        ids.add(subjects.startAndStep(side));
        millis.add(Stats.millisSince(start));
      }
      if (recording != null) {
        recording.dump(Path.of(System.getProperty("jfr")));
      }
    }
    System.out.printf("== pass %d, %s: start -> first reply p50 %.2f ms, p99 %.2f ms over %d starts%n", pass, side,
        Stats.median(millis), Stats.percentile(millis, 99), measured);
    rig.taskClock.snapshot().forEach((kind, v) -> System.out.printf(
        "  %-45s %.2f a start, worker %.3f ms, answer %.3f ms (means)%n", kind, v[0] / measured, v[1], v[2]));
    ids.forEach(id -> subjects.stop(side, id));
  }
}
