package dev.steward.activities.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.http.HttpGetTool;
import dev.steward.network.HostResolver;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pinned client keeps the JDK client's promises: bodies both ways, request timeouts, cancellation. */
class PinnedHttpClientTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private PinnedHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/echo", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("X-Method", exchange.getRequestMethod());
      exchange.sendResponseHeaders(201, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/slow", exchange -> {
      await();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/trickle", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("first".getBytes(StandardCharsets.UTF_8));
      out.flush();
      await();
      exchange.close();
    });
    server.start();
    client = new AgentNetwork(new NetworkPolicy(true, HostResolver.SYSTEM))
        .connect("http://127.0.0.1:" + server.getAddress().getPort() + "/", Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void sendsTheBodyAndReturnsStatusHeadersAndBody() throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/echo"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("x-method")).contains("POST");
    assertThat(response.body()).isEqualTo("{\"a\":1}");
    assertThat(response.uri()).isEqualTo(uri("/echo"));
  }

  @Test
  void theRequestTimeoutBoundsTheWaitForHeaders() {
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(300)).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void aToolTimeoutCancelsABodyThatNeverEnds() {
    ToolActivitiesImpl tools = new ToolActivitiesImpl(List.of(new HttpGetTool(AgentNetwork.publicOnly())));
    ToolResult result = tools.invoke(new ToolInvocation("agent-1", "call-1", "http_get",
        "{\"url\":\"" + uri("/trickle") + "\"}", Map.of("allow_private", true, "timeout_seconds", 1)));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("timed out after 1 s");
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void await() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
