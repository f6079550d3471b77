package dev.steward.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every scenario against Steward and against the plain baseline, in interleaved rounds (the
 * side that goes first alternates; within a round both sides warm up untimed, then take each row
 * back to back), and appends a Markdown report to a file.
 *
 * <pre>
 * BenchMain inproc          SIZE OUT     # a test server in this JVM per round, in-process channels
 * BenchMain process         SIZE OUT     # a test server in a JVM of its own per round, over TCP
 * BenchMain tcp:HOST:PORT   SIZE OUT     # a server the bench does not own (the temporal dev server)
 * </pre>
 * SIZE is {@code full}, {@code short}, {@code smoke} or {@code custom} (system property
 * {@code bench.sizes}, see {@link Sizes#parse}); system property {@code bench.label} names the
 * server in the report. For profiling one row of one side: {@code bench.scenarios} (a comma list of
 * turns, firstReply, throughput, heap, wakeUp; default all) and {@code bench.sides} (steward,
 * plain; default both). {@code bench.jvmWarmTurns} replaces the size's JVM warm-up.
 */
public final class BenchMain {

  private static final String SCENARIOS = System.getProperty("bench.scenarios", "");
  private static final List<String> SIDES = List.of(System.getProperty("bench.sides", "steward,plain").split(","));

  private BenchMain() {}

  private static boolean runs(String scenario) {
    return SCENARIOS.isBlank() || List.of(SCENARIOS.split(",")).contains(scenario);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: BenchMain inproc|process|tcp:HOST:PORT full|short|smoke OUTPUT.md");
      System.exit(2);
    }
    Sizes sizes = switch (args[1]) {
      case "full" -> Sizes.FULL;
      case "short" -> Sizes.SHORT;
      case "smoke" -> Sizes.SMOKE;
      case "custom" -> Sizes.parse(System.getProperty("bench.sizes", ""));
      default -> throw new IllegalArgumentException("size must be full, short, smoke or custom, got '" + args[1] + "'");
    };
    sizes = sizes.withJvmWarmTurns(Integer.getInteger("bench.jvmWarmTurns", sizes.jvmWarmTurns()));
    String markdown = run(args[0], sizes, args[1]);
    Path out = Path.of(args[2]);
    Files.writeString(out, markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.print(markdown);
    // Worker threads of the SDK are not all daemons.
    System.exit(0);
  }

  /**
   * One whole run; returns its report. Each round runs on a fresh {@link Backend.Round}: a new
   * server where the bench owns it, new task queues and workers where it does not.
   */
  public static String run(String target, Sizes sizes, String sizeName) throws Exception {
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    double loadBefore = loadAverage();
    Results results = new Results(Scenarios.ALL);
    Backend backend = Backend.of(target);
    if (sizes.jvmWarmTurns() > 0) {
      warmJvm(backend, sizes, results);
    }
    for (int round = 0; round < sizes.rounds(); round++) {
      long roundStart = System.nanoTime();
      try (Backend.Round on = backend.open(round)) {
        TimeLockProbe probe = on.inProcessServer() == null ? null : on.inProcessServer().timeLockProbe();
        Scenarios scenarios = new Scenarios(on.rig(), sizes, probe);
        List<Side> order = (round % 2 == 0 ? List.of(Side.STEWARD, Side.PLAIN) : List.of(Side.PLAIN, Side.STEWARD))
            .stream().filter(side -> SIDES.contains(side.name().toLowerCase())).toList();
        if (backend.serverJitColdEachRound() && sizes.jvmWarmTurns() > 0) {
          warmServer(scenarios, order, sizes, results);
        }
        for (Side side : order) {
          scenarios.warmUp(side);
        }
        // Row by row, both sides back to back: each row's two figures are taken under the same
        // conditions (what the earlier rows left behind: cached agents, garbage, JIT state).
        for (Map.Entry<String, Row> row : rows(scenarios, results).entrySet()) {
          if (runs(row.getKey())) {
            for (Side side : order) {
              row.getValue().run(side);
            }
          }
        }
        scenarios.finish();
        if (backend.sharedAcrossRounds()) {
          int left = scenarios.terminateLeftovers();
          if (left > 0) {
            System.err.println("bench: terminated " + left + " workflows round " + (round + 1) + " left running");
          }
        }
      }
      System.err.printf("bench: round %d of %d done in %.0f s%n", round + 1, sizes.rounds(),
          Stats.millisSince(roundStart) / 1000.0);
    }
    return Report.markdown(results, backend.label(), sizes, sizeName, loadBefore, loadAverage(), started);
  }

  /** The JVM warm-up comes in this many parts, the sides taking turns, so neither warms the shared code alone. */
  static final int WARM_PARTS = 5;

  /**
   * Untimed turns for each side before the first round, on a backend round of their own: the
   * rows then measure a worker whose JIT has compiled what a turn runs, as a long-running worker's
   * has (Steward runs more code than the plain workflow, and on 2 cores the compiler takes tens
   * of thousands of turns to catch up). What it took each side is reported: the cold cost.
   */
  private static void warmJvm(Backend backend, Sizes sizes, Results results) throws Exception {
    long start = System.nanoTime();
    try (Backend.Round on = backend.open(-1)) {
      Scenarios scenarios = new Scenarios(on.rig(), sizes);
      for (int part = 0; part < WARM_PARTS; part++) {
        for (Side side : part % 2 == 0 ? List.of(Side.STEWARD, Side.PLAIN) : List.of(Side.PLAIN, Side.STEWARD)) {
          if (SIDES.contains(side.name().toLowerCase())) {
            long sideStart = System.nanoTime();
            scenarios.warmJvm(side, sizes.jvmWarmTurns() / WARM_PARTS);
            results.jvmWarmUpSeconds.merge(side, Stats.millisSince(sideStart) / 1000.0, Double::sum);
          }
        }
      }
      if (backend.sharedAcrossRounds()) {
        scenarios.terminateLeftovers();
      }
    }
    System.err.printf("bench: JVM warm-up done in %.0f s%n", Stats.millisSince(start) / 1000.0);
  }

  /** A round's fresh server JVM gets this share of the JVM warm-up (a tenth: 2,000 turns a side at full size). */
  static final int SERVER_WARM_SHARE = 10;

  /** Untimed turns and starts of both sides on a round's fresh server JVM, before its rows. */
  private static void warmServer(Scenarios scenarios, List<Side> order, Sizes sizes, Results results) throws Exception {
    results.serverWarmTurns = sizes.jvmWarmTurns() / SERVER_WARM_SHARE;
    for (Side side : order) {
      scenarios.warmJvm(side, results.serverWarmTurns);
    }
  }

  /** One row of the report, measured for one side. */
  private interface Row {
    void run(Side side) throws Exception;
  }

  private static Map<String, Row> rows(Scenarios scenarios, Results results) {
    Map<String, Row> rows = new LinkedHashMap<>();
    rows.put("turns", side -> scenarios.turns(side, results));
    rows.put("firstReply", side -> scenarios.firstReply(side, results));
    rows.put("throughput", side -> scenarios.throughput(side, results));
    rows.put("heap", side -> scenarios.heap(side, results));
    rows.put("wakeUp", side -> scenarios.wakeUp(side, results));
    return rows;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
