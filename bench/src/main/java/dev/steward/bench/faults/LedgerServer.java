package dev.steward.bench.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tool the agents call: a local HTTP server that records every request's path (one path per
 * message, so per tool effect) and its {@code Idempotency-Key}, and answers after a short random
 * pause so that some calls are in flight when a worker is killed.
 */
final class LedgerServer implements AutoCloseable {

  /** One request as the ledger saw it; {@code answered} is set once the whole answer was written. */
  static final class Entry {
    final String key;
    volatile boolean answered;

    Entry(String key) {
      this.key = key;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, List<Entry>> byPath = new ConcurrentHashMap<>();

  LedgerServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Entry entry = new Entry(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
    byPath.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(entry);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(300));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] body = ("done " + path).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(200, body.length);
      out.write(body);
      entry.answered = true;
    } catch (IOException e) {
      // The worker is gone (killed); the call was cut off.
    }
  }

  /** Paths requested under more than one idempotency key: an effect done twice. */
  Set<String> doneTwice() {
    Set<String> paths = ConcurrentHashMap.newKeySet();
    byPath.forEach((path, entries) -> {
      if (entries.stream().map(e -> String.valueOf(e.key)).distinct().count() > 1) {
        paths.add(path);
      }
    });
    return paths;
  }

  /** Requests that repeated an earlier one's key: a retry of a call whose worker died (an idempotent server applies it once). */
  int retriedWithSameKey() {
    int retries = 0;
    for (List<Entry> entries : byPath.values()) {
      retries += entries.size() - (int) entries.stream().map(e -> String.valueOf(e.key)).distinct().count();
    }
    return retries;
  }

  /** Of those retries, how many repeated a call the ledger had already answered in full. */
  int retriedAfterAnswer() {
    int n = 0;
    for (List<Entry> entries : byPath.values()) {
      for (int i = 1; i < entries.size(); i++) {
        Entry later = entries.get(i);
        boolean earlierAnswered = entries.subList(0, i).stream()
            .anyMatch(e -> e.answered && String.valueOf(e.key).equals(String.valueOf(later.key)));
        if (earlierAnswered) {
          n++;
        }
      }
    }
    return n;
  }

  /** Requests without an idempotency key (should be none). */
  long withoutKey() {
    return byPath.values().stream().flatMap(List::stream).filter(e -> e.key == null).count();
  }

  int paths() {
    return byPath.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
