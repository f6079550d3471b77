package dev.steward.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes this JVM's threads to files at fixed moments of a benchmark, to see what the worker's
 * pollers and slots are doing while a load runs (diagnosis only; enabled by {@code -Dbench.threadDumps}).
 */
final class ThreadDumps implements AutoCloseable {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bench-thread-dumps");
    t.setDaemon(true);
    return t;
  });

  /** Dumps at each of {@code afterMillis} from now into {@code target/<prefix>-<millis>.txt}. */
  ThreadDumps(String prefix, long... afterMillis) {
    for (long after : afterMillis) {
      timer.schedule(() -> write(Path.of("target", prefix + "-" + after + ".txt")), after, TimeUnit.MILLISECONDS);
    }
  }

  private static void write(Path file) {
    StringBuilder out = new StringBuilder();
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 40)) {
      out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
      Arrays.stream(info.getStackTrace()).forEach(f -> out.append("    at ").append(f).append('\n'));
      out.append('\n');
    }
    try {
      Files.writeString(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
