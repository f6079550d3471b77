package dev.steward.worker.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steward.connection.telemetry.ProcessMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's Prometheus endpoint: {@code GET /metrics} answers with every meter of the process (the
 * Temporal SDK's and Steward's) in Prometheus' text format. It turns the SDK's metrics on, so start
 * it before the worker connects.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The variable that sets the port of {@code steward worker} and {@code steward dev}'s endpoint. */
  public static final String PORT_VARIABLE = "STEWARD_METRICS_PORT";
  /** The default port, OpenTelemetry's and Prometheus' usual one for exporters. */
  public static final int DEFAULT_PORT = 9464;

  private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code host} (null: every interface) and {@code port} (0: a free one).
   *
   * @throws IllegalStateException when the port cannot be opened, naming it
   */
  public static MetricsEndpoint start(String host, int port) {
    ProcessMetrics.enableSdkMetrics();
    StewardMeters.process();
    HttpServer server;
    try {
      server = HttpServer.create(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve metrics on port " + port + ": " + e.getMessage()
          + " (set --metrics-port or " + PORT_VARIABLE + ")", e);
    }
    server.createContext("/metrics", MetricsEndpoint::scrape);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "steward-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    MetricsEndpoint endpoint = new MetricsEndpoint(server, executor);
    log.info("Prometheus metrics on http://{}:{}/metrics", host == null ? "localhost" : host, endpoint.port());
    return endpoint;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = ProcessMetrics.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      } catch (UncheckedIOException e) {
        // The scraper went away; nothing to answer.
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
