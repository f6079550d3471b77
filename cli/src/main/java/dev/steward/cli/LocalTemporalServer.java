package dev.steward.cli;

import dev.steward.worker.WorkerSettings;
import java.util.Optional;

/** A Temporal server that a command runs on this machine for as long as it runs: embedded or the real one. */
interface LocalTemporalServer extends AutoCloseable {

  /** The address clients use, {@code host:port}. */
  String address();

  /** The Temporal Web UI's URL, when the server has one. */
  Optional<String> webUi();

  /** Whether its agents outlive it (kept on disk) rather than ending with it (in memory). */
  boolean durable();

  /**
   * The settings for a worker that runs in this process and stops before the server: unchanged,
   * unless the server treats that worker apart (the embedded one keeps sticky execution for it).
   */
  default WorkerSettings forInProcessWorker(WorkerSettings settings) {
    return settings;
  }

  /** Stops the server. */
  @Override
  void close();

  /** The host clients use for a bind address: {@code localhost} for loopback and all interfaces. */
  static String clientHost(String bind) {
    boolean local = bind.equals(EmbeddedTemporal.LOOPBACK) || bind.equals("0.0.0.0") || bind.equals("localhost");
    return local ? "localhost" : bind;
  }
}
