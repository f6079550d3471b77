package dev.steward.bench;

import dev.steward.worker.WorkerSettings;
import java.io.IOException;

/**
 * Where a bench run's rounds run, and what each round starts afresh. Nothing a round leaves behind
 * may slow the next: the Java test server keeps every workflow it ever ran and its cost per call
 * grows with the calls it has served (docs/BENCHMARKS.md, "Full size runs to the end"), so a round
 * on it gets a new server; a server the bench does not own gets new task queues and new workers,
 * and what a round started is terminated at its end if it still runs.
 */
abstract class Backend {

  /** What one round runs on: its rig, and the server (in-process only) for {@link TimeLockProbe}. */
  record Round(Rig rig, BenchServer inProcessServer, AutoCloseable onClose) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      rig.close();
      if (onClose != null) {
        onClose.close();
      }
    }
  }

  /**
   * {@code inproc}: a test server in this JVM per round; {@code process}: a test server in a JVM
   * of its own per round; {@code tcp:HOST:PORT}: a server the bench does not own (the dev server).
   */
  static Backend of(String target) {
    if (target.equals("inproc")) {
      return new InProcess();
    }
    if (target.equals("process")) {
      return new OwnProcess();
    }
    if (target.startsWith("tcp:")) {
      return new External(target.substring(4));
    }
    throw new IllegalArgumentException("target must be inproc, process or tcp:HOST:PORT, got '" + target + "'");
  }

  /** The round {@code build} makes on {@code server}; the server is closed when that fails. */
  static Round closingOnFailure(AutoCloseable server, java.util.function.Supplier<Round> build) {
    try {
      return build.get();
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** How the report names the transport. */
  abstract String label();

  /** Everything round {@code round} (from 0; -1 for the JVM warm-up) runs on. */
  abstract Round open(int round) throws IOException;

  /** Whether the server outlives the round, so that what a round started must be ended. */
  abstract boolean sharedAcrossRounds();

  /**
   * Whether each round's server is a new JVM, whose JIT starts cold: it is warmed before the round's
   * rows, as this JVM is before the first round, or the rows would time a server still interpreting
   * the calls Steward makes and the plain workflow does not (no server in production is that cold).
   */
  boolean serverJitColdEachRound() {
    return false;
  }

  private static final class InProcess extends Backend {
    @Override
    String label() {
      return "in-process test server";
    }

    @Override
    Round open(int round) {
      BenchServer server = BenchServer.inProcess();
      return closingOnFailure(server, () -> new Round(new Rig(server, null, label()), server, server));
    }

    @Override
    boolean sharedAcrossRounds() {
      return false;
    }
  }

  private static final class OwnProcess extends Backend {
    @Override
    String label() {
      return "TCP to " + System.getProperty("bench.label", "the Java test server in another JVM");
    }

    @Override
    Round open(int round) throws IOException {
      ServerProcess server = ServerProcess.start("2g");
      return closingOnFailure(server, () -> new Round(new Rig(null, server.address(), label()), null, server));
    }

    @Override
    boolean sharedAcrossRounds() {
      return false;
    }

    @Override
    boolean serverJitColdEachRound() {
      return true;
    }
  }

  private static final class External extends Backend {
    private final String address;
    // Queues of this run apart from any earlier run's on the same server.
    private final String run = Long.toHexString(System.nanoTime());

    External(String address) {
      this.address = address;
    }

    @Override
    String label() {
      return "TCP to " + System.getProperty("bench.label", "a server process") + " at " + address;
    }

    @Override
    Round open(int round) {
      Rig rig = new Rig(null, address, label(), WorkerSettings.DEFAULT_WORKFLOW_CACHE_SIZE, "-" + run + "-r" + (round + 1));
      return new Round(rig, null, null);
    }

    @Override
    boolean sharedAcrossRounds() {
      return true;
    }
  }
}
