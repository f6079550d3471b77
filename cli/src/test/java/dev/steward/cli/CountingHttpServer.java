package dev.steward.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server for tool calls: records every request's path and Idempotency-Key. On a path
 * that starts with {@code /slow}, the first request blocks until {@link #releaseSlow()}, so a test
 * can kill the worker while the call is in flight; later requests answer at once. A path that starts
 * with {@code /big} answers {@link #BIG_BYTES} bytes that end with {@code end of <path>}.
 */
final class CountingHttpServer implements AutoCloseable {

  record Request(String path, String idempotencyKey) {}

  /** Over the 128 KiB above which Steward keeps a payload in the blob store, not in history. */
  static final int BIG_BYTES = 200_000;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> slowSeen = new ConcurrentHashMap<>();
  private final CountDownLatch slowRelease = new CountDownLatch(1);

  CountingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  void releaseSlow() {
    slowRelease.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Idempotency-Key")));
    if (path.startsWith("/slow") && slowSeen.putIfAbsent(path, true) == null) {
      try {
        slowRelease.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] body = (path.startsWith("/big") ? "x".repeat(BIG_BYTES) + " end of " + path : "page " + path)
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
    } catch (IOException e) {
      // The client may be gone (a killed worker); nothing to answer then.
    }
  }

  @Override
  public void close() {
    slowRelease.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
