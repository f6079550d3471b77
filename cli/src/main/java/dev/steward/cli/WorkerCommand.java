package dev.steward.cli;

import dev.steward.connection.TemporalConnection;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.worker.observe.MetricsEndpoint;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code steward worker}: runs agents from a Temporal server's task queue until Ctrl-C. */
@Command(
    name = "worker",
    description = {
      "Run a Steward worker against a Temporal server until Ctrl-C.",
      "Run as many as you like; a worker that dies costs a retry, never an agent's state.",
      "Temporal's TLS, mTLS and API key: the --tls* and --api-key options, TEMPORAL_* variables or a --profile."
    })
final class WorkerCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;
  @Mixin MetricsOptions metrics;

  @Option(names = "--max-concurrent-activities", paramLabel = "N",
      defaultValue = "" + WorkerSettings.DEFAULT_MAX_CONCURRENT_ACTIVITIES,
      description = "Model and tool calls run at the same time (default: ${DEFAULT-VALUE}).")
  int maxConcurrentActivities;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TemporalConnection temporal = connection.connection();
    WorkerSettings settings = connection.workerSettings(temporal).withMaxConcurrentActivities(maxConcurrentActivities);
    // Before the worker connects, so the SDK's metrics are on for its connection.
    MetricsEndpoint endpoint = metrics.start(true, null, spec.commandLine().getErr());
    StewardWorker worker = StewardWorker.connect(settings);
    if (!Probe.reachable(temporal, Probe.DEFAULT_TOTAL)) {
      // A worker may start before its server (e.g. in docker compose): wait for it rather than fail.
      spec.commandLine().getErr().println("steward: no Temporal server answers at " + temporal.describe()
          + " yet; the worker keeps trying");
      spec.commandLine().getErr().flush();
    }
    worker.start();
    out.println("Steward worker polling task queue " + settings.taskQueue() + " at " + temporal.describe()
        + ". Ctrl-C stops it.");
    if (endpoint != null) {
      out.println("Prometheus metrics on http://localhost:" + endpoint.port() + "/metrics");
    }
    out.flush();
    UntilShutdown.await(worker, endpoint != null ? endpoint : () -> { });
    return 0;
  }
}
