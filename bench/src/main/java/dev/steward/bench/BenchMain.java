package dev.steward.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs every scenario against Steward and against the plain baseline, in interleaved rounds (the
 * side that goes first alternates), and appends a Markdown report to a file.
 *
 * <pre>
 * BenchMain inproc          SIZE OUT     # the test server in this JVM, in-process channels
 * BenchMain tcp:HOST:PORT   SIZE OUT     # a server in another process (test server or temporal dev server)
 * </pre>
 * SIZE is {@code full}, {@code short} or {@code smoke}; LABEL in the report says which server it was
 * (system property {@code bench.label}).
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: BenchMain inproc|tcp:HOST:PORT full|short|smoke OUTPUT.md");
      System.exit(2);
    }
    Sizes sizes = switch (args[1]) {
      case "full" -> Sizes.FULL;
      case "short" -> Sizes.SHORT;
      case "smoke" -> Sizes.SMOKE;
      default -> throw new IllegalArgumentException("size must be full, short or smoke, got '" + args[1] + "'");
    };
    String markdown = run(args[0], sizes, args[1]);
    Path out = Path.of(args[2]);
    Files.writeString(out, markdown, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.print(markdown);
    // Worker threads of the SDK are not all daemons.
    System.exit(0);
  }

  /** One whole run; returns its report. */
  public static String run(String target, Sizes sizes, String sizeName) throws Exception {
    String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    double loadBefore = loadAverage();
    Results results = new Results(Scenarios.ALL);
    String transport;
    BenchServer server = null;
    Rig rig;
    if (target.equals("inproc")) {
      server = BenchServer.inProcess();
      transport = "in-process test server";
      rig = new Rig(server, null, transport);
    } else if (target.startsWith("tcp:")) {
      transport = "TCP to " + System.getProperty("bench.label", "a server process") + " at " + target.substring(4);
      rig = new Rig(null, target.substring(4), transport);
    } else {
      throw new IllegalArgumentException("target must be inproc or tcp:HOST:PORT, got '" + target + "'");
    }
    try {
      Scenarios scenarios = new Scenarios(rig, sizes);
      for (int round = 0; round < sizes.rounds(); round++) {
        List<Side> order = round % 2 == 0 ? List.of(Side.STEWARD, Side.PLAIN) : List.of(Side.PLAIN, Side.STEWARD);
        for (Side side : order) {
          scenarios.turns(side, results);
          scenarios.firstReply(side, results);
          scenarios.throughput(side, results);
          scenarios.heap(side, results);
          scenarios.wakeUp(side, results);
        }
        System.err.println("bench: round " + (round + 1) + " of " + sizes.rounds() + " done");
      }
      scenarios.finish();
    } finally {
      rig.close();
      if (server != null) {
        server.close();
      }
    }
    return Report.markdown(results, transport, sizes, sizeName, loadBefore, loadAverage(), started);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
