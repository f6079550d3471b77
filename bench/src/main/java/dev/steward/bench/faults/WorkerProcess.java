package dev.steward.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Steward worker ({@code steward worker}) in a JVM of its own, from this JVM's class path, logging
 * to a file. The campaign kills it with SIGKILL, by its own handle, and never anything else.
 */
final class WorkerProcess {

  /** Every worker this JVM started and has not seen end: stopped with it if it ends early (a timeout). */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
  }

  private final Process process;

  private WorkerProcess(Process process) {
    this.process = process;
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
  }

  static WorkerProcess start(String address, String taskQueue, Map<String, String> environment, Path log)
      throws IOException {
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.steward.cli.StewardCli");
    command.addAll(List.of("worker", "--address", address, "--task-queue", taskQueue));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("TEMPORAL_ADDRESS");
    builder.environment().putAll(environment);
    return new WorkerProcess(builder.start());
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no goodbye to the server, calls cut off mid-way. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and SIGKILL if it has not ended within 15 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
