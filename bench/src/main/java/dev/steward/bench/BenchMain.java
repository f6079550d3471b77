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
 * plain; default both).
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
    for (int round = 0; round < sizes.rounds(); round++) {
      long roundStart = System.nanoTime();
      try (Backend.Round on = backend.open(round)) {
        TimeLockProbe probe = on.inProcessServer() == null ? null : on.inProcessServer().timeLockProbe();
        Scenarios scenarios = new Scenarios(on.rig(), sizes, probe);
        List<Side> order = (round % 2 == 0 ? List.of(Side.STEWARD, Side.PLAIN) : List.of(Side.PLAIN, Side.STEWARD))
            .stream().filter(side -> SIDES.contains(side.name().toLowerCase())).toList();
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
