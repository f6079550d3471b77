package dev.steward.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running command alive until the process is asked to stop (Ctrl-C, SIGTERM), then
 * closes its resources in the order given: worker before server, so no task is cut off by a
 * vanishing server.
 */
final class UntilShutdown {

  private UntilShutdown() {}

  /** Blocks until shutdown has closed every resource. */
  static void await(AutoCloseable... inOrder) {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("steward: stopping...");
      closeAll(List.of(inOrder));
      closed.countDown();
    }, "steward-shutdown"));
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll(List.of(inOrder));
    }
  }

  static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("steward: while stopping: " + e.getMessage());
      }
    }
  }
}
