package dev.steward.cli;

import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steward dev}: a local Temporal server and a worker in one process, until Ctrl-C. */
@Command(
    name = "dev",
    description = {
      "Run a local Temporal server (in memory, real time) and a Steward worker in this process.",
      "Agents live as long as this process. Stop with Ctrl-C."
    })
final class DevCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "7233", description = "Port for the Temporal server (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = EmbeddedTemporal.LOOPBACK, paramLabel = "HOST",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}; the server has no authentication).")
  String bind;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}", paramLabel = "NAME",
      description = "Namespace the worker uses (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--task-queue", defaultValue = "${env:STEWARD_TASK_QUEUE:-steward}", paramLabel = "NAME",
      description = "Task queue the worker polls (default: ${DEFAULT-VALUE}).")
  String taskQueue;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    EmbeddedTemporal server = ServerCommand.startServer(bind, port, namespace);
    StewardWorker worker;
    try {
      worker = StewardWorker.connect(WorkerSettings.defaults()
          .withAddress(server.address()).withNamespace(namespace).withTaskQueue(taskQueue)).start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    printBanner(spec.commandLine().getOut(), server.address());
    UntilShutdown.await(worker, server);
    return 0;
  }

  private void printBanner(PrintWriter out, String address) {
    String env = address.equals("localhost:7233") ? "" : "TEMPORAL_ADDRESS=" + address + " ";
    out.println("Steward dev is running.");
    out.println("  Temporal server  " + address + "  (namespace " + namespace + ", in memory: agents end when this stops)");
    out.println("  Worker           task queue " + taskQueue + ", in this process");
    out.println();
    out.println("In another terminal:");
    out.println("  " + env + "./steward start examples/agents/research-assistant.yaml --id demo");
    out.println("  " + env + "./steward chat demo");
    out.println("  " + env + "./steward show demo");
    out.println("Any Temporal client or SDK can connect to " + address + " too.");
    out.println("Ctrl-C stops the worker and the server.");
    out.flush();
  }
}
