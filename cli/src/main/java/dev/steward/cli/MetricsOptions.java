package dev.steward.cli;

import dev.steward.worker.observe.MetricsEndpoint;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-port} and {@code --no-metrics}: where a process that runs a worker serves its
 * Prometheus metrics. {@code steward worker} and {@code steward dev} serve them by default on
 * {@value MetricsEndpoint#DEFAULT_PORT} (or {@code STEWARD_METRICS_PORT}); {@code steward run} only
 * when {@code --metrics-port} is given.
 */
final class MetricsOptions {

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Serve Prometheus metrics at http://HOST:PORT/metrics (env " + MetricsEndpoint.PORT_VARIABLE
          + " for worker and dev; 0 for a free port; default " + MetricsEndpoint.DEFAULT_PORT
          + " for worker and dev, none for run).")
  Integer port;

  @Option(names = "--no-metrics", description = "Serve no Prometheus metrics.")
  boolean off;

  /**
   * Starts the endpoint, or returns null when it is off. A port someone asked for that cannot be
   * opened is an error; the default port being taken (a second worker on the machine) is only a warning.
   */
  MetricsEndpoint start(boolean onByDefault, String host, PrintWriter err) {
    if (off) {
      return null;
    }
    // The variable configures long-running processes; a one-shot run next to a worker must not take its port.
    Integer asked = port != null ? port : onByDefault ? fromEnvironment() : null;
    if (asked == null && !onByDefault) {
      return null;
    }
    if (asked != null) {
      if (asked < 0 || asked > 65535) {
        throw new UsageException("--metrics-port must be a port from 0 to 65535, got " + asked);
      }
      return MetricsEndpoint.start(host, asked);
    }
    try {
      return MetricsEndpoint.start(host, MetricsEndpoint.DEFAULT_PORT);
    } catch (IllegalStateException e) {
      err.println("steward: no metrics endpoint: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  private static Integer fromEnvironment() {
    String value = System.getenv(MetricsEndpoint.PORT_VARIABLE);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(MetricsEndpoint.PORT_VARIABLE + " must be a port number, got '" + value + "'");
    }
  }
}
