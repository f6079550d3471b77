package dev.steward.activities.tools.httptool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.network.PinnedHttpClient;
import dev.steward.activities.secrets.HeaderRules;
import dev.steward.activities.tools.Heartbeats;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.http.CappedBodySubscriber;
import dev.steward.network.Destination;
import dev.steward.network.RefusedDestinationException;
import dev.steward.workflows.tools.ToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request of a declared HTTP tool (agent-file HTTP tools and OpenAPI operations) and
 * returns {@code {"status":200,"content_type":"...","body":"...","truncated":false}}; a 4xx or 5xx
 * status is an error result with the same shape.
 *
 * <p>The same safety as {@code http_get}: the worker's network policy ({@link AgentNetwork}) vets the
 * URL once (public addresses only unless {@code allow_private}) and the connection goes to the
 * vetted addresses only; no redirects followed; the body cut at {@code max_bytes}. Every request
 * carries {@code Idempotency-Key: <agent id>/<incarnation>/<call id>}, the same across retries of the call, and
 * the activity heartbeats while it waits.
 */
public final class HttpRequestRunner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final long BEAT_MILLIS = 2_000;

  private final AgentNetwork network;

  public HttpRequestRunner() {
    this(AgentNetwork.publicOnly());
  }

  /** @param network the policy before a tool's {@code allow_private} applies (a test's resolver, say) */
  public HttpRequestRunner(AgentNetwork network) {
    this.network = network;
  }

  /**
   * @param tool the tool's name, for messages
   * @param jsonBody the JSON body, or null for none
   */
  public ToolResult send(String tool, String method, String url, Map<String, String> headers, String jsonBody,
      HttpCallOptions options, String idempotencyKey) throws ToolException, InterruptedException {
    Destination destination = checked(tool, url, options);
    URI uri = destination.uri();
    HttpClient client = new PinnedHttpClient(destination, CONNECT_TIMEOUT);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(options.timeout())
        .method(method.toUpperCase(Locale.ROOT),
            jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody))
        .header("Idempotency-Key", idempotencyKey)
        .header("User-Agent", "Steward-tool/0.1")
        .header("Accept", "application/json, */*;q=0.5");
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    // Checked first: the HTTP client's own error quotes the value, which may be a credential.
    var problem = HeaderRules.problem(headers);
    if (problem.isPresent()) {
      throw new ToolException(tool + ": " + problem.get());
    }
    try {
      headers.forEach(request::header);
    } catch (IllegalArgumentException e) {
      throw new ToolException(tool + " has a header the HTTP client refuses (restricted or malformed)");
    }
    CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> pending =
        client.sendAsync(request.build(), info -> new CappedBodySubscriber((int) options.maxBytes()));
    Runnable heartbeat = Heartbeats.current();
    long deadline = System.nanoTime() + options.timeout().toNanos();
    try {
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new TimeoutException();
        }
        try {
          return describe(pending.get(Math.min(left, BEAT_MILLIS), TimeUnit.MILLISECONDS), options);
        } catch (TimeoutException e) {
          heartbeat.run();
        }
      }
    } catch (TimeoutException e) {
      throw new ToolException(tool + " timed out after " + options.timeout().toSeconds() + " s calling " + uri.getHost()
          + " (timeout_seconds)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ToolException(tool + " could not reach " + uri.getHost() + ": "
          + (cause instanceof java.net.ConnectException ? "connection refused or unreachable" : String.valueOf(cause.getMessage())),
          cause);
    } finally {
      pending.cancel(true);
    }
  }

  private Destination checked(String tool, String url, HttpCallOptions options) throws ToolException {
    try {
      return network.allowingPrivate(options.allowPrivate()).vet(url);
    } catch (RefusedDestinationException e) {
      throw new ToolException(!e.privateAddress() ? tool + ": " + e.getMessage()
          : tool + " refuses " + e.getMessage() + "; set allow_private: true in its declaration to allow local addresses");
    }
  }

  private static ToolResult describe(HttpResponse<CappedBodySubscriber.Body> response, HttpCallOptions options) {
    ObjectNode out = JSON.createObjectNode();
    out.put("status", response.statusCode());
    out.put("content_type", response.headers().firstValue("Content-Type").orElse(""));
    response.headers().firstValue("Location").ifPresent(l -> out.put("location", l));
    out.put("body", new String(response.body().bytes(), StandardCharsets.UTF_8));
    out.put("truncated", response.body().truncated());
    if (response.body().truncated()) {
      out.put("note", "the body was cut after " + options.maxBytes() + " bytes (max_bytes)");
    }
    return response.statusCode() >= 400 ? ToolResult.error(out.toString()) : ToolResult.ok(out.toString());
  }
}
