package dev.steward.cli;

import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code steward server}: only the embedded Temporal server, with Steward's search attributes, until
 * stopped. Hidden: it exists for tests that run the server, workers and the CLI as separate processes.
 */
@Command(name = "server", hidden = true, description = "Run only the embedded Temporal server, until stopped.")
final class ServerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "7233", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = EmbeddedTemporal.LOOPBACK, paramLabel = "HOST",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}", paramLabel = "NAME",
      description = "Namespace to register the search attributes in (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    EmbeddedTemporal server = startServer(bind, port, namespace);
    spec.commandLine().getOut().println("Temporal server listening on " + server.address());
    spec.commandLine().getOut().flush();
    UntilShutdown.await(server);
    return 0;
  }

  /** Starts the embedded server and registers the search attributes, with a clear error when the port is taken. */
  static EmbeddedTemporal startServer(String bind, int port, String namespace) {
    EmbeddedTemporal server;
    try {
      server = EmbeddedTemporal.start(bind, port);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("port " + port + " on " + bind + " is not available (is a Temporal server"
          + " already running there? then just use it, or pick another with --port)", e.getCause());
    }
    try {
      SearchAttributes.register(server.address(), namespace);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }
}
