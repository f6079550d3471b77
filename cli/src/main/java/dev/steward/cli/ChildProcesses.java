package dev.steward.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a child process politely first. */
final class ChildProcesses {

  private ChildProcesses() {}

  /** SIGTERM; SIGKILL if it has not ended within {@code grace}; then waits for it a little more. */
  static void stop(Process process, Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
