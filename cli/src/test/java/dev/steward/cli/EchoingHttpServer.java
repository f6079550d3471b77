package dev.steward.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A careless API on loopback: it refuses every request with 401 and quotes the request's headers
 * back in the body, as some servers do. It keeps the headers it was sent.
 */
final class EchoingHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();

  EchoingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      StringBuilder headers = new StringBuilder();
      exchange.getRequestHeaders().forEach((name, values) -> values.forEach(
          v -> headers.append(name).append(": ").append(v).append('\n')));
      received.add(headers.toString());
      byte[] body = ("401 unauthorized; you sent:\n" + headers).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The headers of every request, one {@code Name: value} a line. */
  List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
