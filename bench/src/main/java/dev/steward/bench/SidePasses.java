package dev.steward.bench;

/**
 * The loop of the profiling mains ({@link TurnTimeline}, {@link FirstReplyTimeline}): one rig, on an
 * in-process test server or ({@code -Dtransport=tcp}) one in a JVM of its own, {@code -Dpasses} passes
 * (default 2), each measuring every side or only {@code -Dside}.
 */
final class SidePasses {

  /** One pass's measurement of one side. */
  interface Measurement {
    void run(Rig rig, Subjects subjects, Side side, int pass) throws Exception;
  }

  private SidePasses() {}

  static void run(Measurement measurement) throws Exception {
    if ("tcp".equals(System.getProperty("transport"))) {
      try (ServerProcess server = ServerProcess.start("2g"); Rig rig = new Rig(null, server.address(), "tcp")) {
        passes(rig, measurement);
      }
    } else {
      try (BenchServer server = BenchServer.inProcess(); Rig rig = new Rig(server, null, "inproc")) {
        passes(rig, measurement);
      }
    }
  }

  private static void passes(Rig rig, Measurement measurement) throws Exception {
    int passes = Integer.getInteger("passes", 2);
    String only = System.getProperty("side", "");
    Subjects subjects = new Subjects(rig);
    for (int pass = 0; pass < passes; pass++) {
      for (Side side : Side.values()) {
        if (only.isEmpty() || side.name().equalsIgnoreCase(only)) {
          measurement.run(rig, subjects, side, pass);
        }
      }
    }
  }
}
