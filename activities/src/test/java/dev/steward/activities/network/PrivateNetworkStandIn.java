package dev.steward.activities.network;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for the workers' private network (a metadata service, an admin
 * API): it answers every request with a secret and counts what reached it. Loopback only.
 */
final class PrivateNetworkStandIn implements AutoCloseable {

  static final String SECRET = "instance-role-credentials";

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  /** @param port 0 for any free port */
  PrivateNetworkStandIn(String loopbackAddress, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), port), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = SECRET.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
