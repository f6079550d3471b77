package dev.steward.gateway;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Steward worker and a gateway as JVMs of their own, from this test's class path, so that a test
 * can kill them with SIGKILL. Output goes to {@code target/e2e-logs/<name>.log}. Tests stop every
 * process they start, by its handle.
 */
final class CrashTestProcesses {

  private CrashTestProcesses() {}

  /** Main of the worker process: {@code <temporal address> <task queue>}. */
  static final class Worker {
    public static void main(String[] args) throws InterruptedException {
      StewardWorker.connect(WorkerSettings.defaults().withAddress(args[0]).withTaskQueue(args[1])).start();
      Thread.currentThread().join();
    }
  }

  /** Main of the gateway process: {@code <temporal address> <task queue> <port> <agents folder>}. */
  static final class Gateway {
    public static void main(String[] args) throws InterruptedException {
      AgentClient client = AgentClient.connect(new ClientSettings(args[0], null, args[1]));
      StewardGateway.builder()
          .settings(GatewaySettings.defaults().withPort(Integer.parseInt(args[2])).withAgentsDir(Path.of(args[3])))
          .agentClient(client)
          .build()
          .start()
          .awaitClose();
    }
  }

  /** Starts {@code main} in a new JVM. */
  static Process start(String name, Class<?> main, String... args) throws IOException {
    Path logs = Path.of("target", "e2e-logs");
    Files.createDirectories(logs);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile()).start();
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
