package dev.steward.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model that misbehaves on purpose, speaking OpenAI's Chat Completions wire format (streamed
 * chunks): a user message gets a call of the {@code http_get} tool on the ledger, a tool result gets
 * a short reply. A share of calls is answered 429 or 500 with {@code Retry-After}, a few hang past
 * the client's timeout, and during an outage window every call is answered 503.
 */
final class FlakyModelServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final LedgerServer ledger;
  private final double errorShare;
  private final long hangMillis;
  private volatile boolean calm;
  private volatile long outageFrom = Long.MAX_VALUE;
  private volatile long outageUntil = Long.MIN_VALUE;
  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();
  final AtomicInteger hangs = new AtomicInteger();
  final AtomicInteger outageAnswers = new AtomicInteger();

  /**
   * @param errorShare share of calls answered 429 or 500 (0.3 in the campaign)
   * @param hangMillis how long a "timeout" call hangs: past the model's timeout_seconds
   */
  FlakyModelServer(LedgerServer ledger, double errorShare, long hangMillis) throws IOException {
    this.ledger = ledger;
    this.errorShare = errorShare;
    this.hangMillis = hangMillis;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL an agent spec names, ending in /v1. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** While calm, every call is answered at once and well. */
  void calm(boolean value) {
    calm = value;
  }

  /** Every call from now for {@code millis} is answered 503. */
  void outage(long millis) {
    outageFrom = System.currentTimeMillis();
    outageUntil = outageFrom + millis;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      calls.incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody());
      long now = System.currentTimeMillis();
      if (now >= outageFrom && now < outageUntil) {
        outageAnswers.incrementAndGet();
        error(exchange, 503, "server_error", "the model is down (outage window)");
        return;
      }
      double roll = calm ? 1.0 : ThreadLocalRandom.current().nextDouble();
      if (roll < errorShare / 2) {
        errors.incrementAndGet();
        error(exchange, 429, "rate_limit_exceeded", "slow down");
        return;
      }
      if (roll < errorShare) {
        errors.incrementAndGet();
        error(exchange, 500, "server_error", "the model failed");
        return;
      }
      if (roll < errorShare + 0.03) {
        hangs.incrementAndGet();
        Thread.sleep(hangMillis);
      }
      stream(exchange, answer(request));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The caller went away (timeout or a killed worker).
    }
  }

  /** The chunks of the answer: a tool call for a user message, a reply for a tool result. */
  private List<String> answer(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    List<String> chunks = new ArrayList<>();
    chunks.add(chunk(delta().put("role", "assistant").putNull("content"), null));
    if ("tool".equals(last.path("role").asText())) {
      chunks.add(chunk(delta().put("content", "done: " + last.path("content").asText()), null));
      chunks.add(chunk(delta(), "stop"));
    } else {
      String message = last.path("content").isTextual() ? last.path("content").asText()
          : last.path("content").path(0).path("text").asText();
      ObjectNode call = delta();
      ObjectNode tool = call.putArray("tool_calls").addObject();
      tool.put("index", 0).put("id", "call_" + Integer.toHexString(message.hashCode())).put("type", "function");
      String args = JSON.createObjectNode().put("url", ledger.url("/effect/" + message.trim())).toString();
      tool.putObject("function").put("name", "http_get").put("arguments", args);
      chunks.add(chunk(call, null));
      chunks.add(chunk(delta(), "tool_calls"));
    }
    ObjectNode usage = JSON.createObjectNode().put("id", "chatcmpl-f").put("object", "chat.completion.chunk")
        .put("created", 1).put("model", "flaky");
    usage.putArray("choices");
    usage.putObject("usage").put("prompt_tokens", 20).put("completion_tokens", 5).put("total_tokens", 25);
    chunks.add(usage.toString());
    chunks.add("[DONE]");
    return chunks;
  }

  private static ObjectNode delta() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static String chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-f").put("object", "chat.completion.chunk")
        .put("created", 1).put("model", "flaky");
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    chunk.putNull("usage");
    return chunk.toString();
  }

  private static void stream(HttpExchange exchange, List<String> events) throws IOException {
    StringBuilder body = new StringBuilder();
    events.forEach(e -> body.append("data: ").append(e).append("\n\n"));
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void error(HttpExchange exchange, int code, String type, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Retry-After", "1");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
