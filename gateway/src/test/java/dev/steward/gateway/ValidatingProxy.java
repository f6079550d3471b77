package dev.steward.gateway;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.Server;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A recording proxy between an OpenAI client under test and the gateway: it passes every exchange
 * through unchanged and checks each request and response body against OpenAI's published OpenAPI
 * document ({@link OpenAiContract}). Streams are passed on once complete, which changes their
 * timing, not their content. Tests assert that {@link #violations()} stays empty.
 */
final class ValidatingProxy implements AutoCloseable {

  private final OpenAiContract contract = OpenAiContract.load();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> exchanges = new CopyOnWriteArrayList<>();
  private final Server server;

  ValidatingProxy(int gatewayPort) {
    WebClient gateway = WebClient.builder("http://127.0.0.1:" + gatewayPort).responseTimeoutMillis(0).build();
    server = Server.builder().http(0).requestTimeoutMillis(0)
        .serviceUnder("/", (ctx, req) -> HttpResponse.of(req.aggregate().thenCompose(request -> {
          String method = request.method().name();
          String path = request.path();
          violations.addAll(contract.checkRequest(method, path, request.contentUtf8()));
          return gateway.execute(HttpRequest.of(request.headers().toBuilder().removeAndThen(HttpHeaderNames.HOST)
                  .build(), request.content())).aggregate()
              .thenApply((AggregatedHttpResponse response) -> {
                String type = response.contentType() == null ? null : response.contentType().toString();
                exchanges.add(method + " " + path + " -> " + response.status().code());
                violations.addAll(contract.checkResponse(method, path, response.status().code(), type,
                    response.contentUtf8()));
                return response.toHttpResponse();
              });
        })))
        .build();
    server.start().join();
  }

  /** The base URL an OpenAI SDK takes, e.g. {@code http://127.0.0.1:1234/v1}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.activeLocalPort() + "/v1";
  }

  /** Every body that did not conform, with the reason. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Method, path and status of every exchange passed through. */
  List<String> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
