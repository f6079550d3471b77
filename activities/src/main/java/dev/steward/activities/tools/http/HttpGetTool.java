package dev.steward.activities.tools.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.network.PinnedHttpClient;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.ToolOptions;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.network.Destination;
import dev.steward.network.RefusedDestinationException;
import dev.steward.workflows.tools.ToolResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http_get}: fetches a URL with GET and returns
 * {@code {"status":200,"content_type":"text/html","body":"...","truncated":false}}.
 *
 * <p>Safety, in order: only http and https; the host must be on {@code allow_hosts} when that is
 * set; the worker's network policy ({@link AgentNetwork}) resolves the host once and refuses it
 * unless every address is public or {@code allow_private} is true, and the connection goes to
 * those vetted addresses only; redirects are not followed (a 3xx result carries {@code location},
 * and fetching it is a new, re-checked call).
 *
 * <p>Each request carries {@code Idempotency-Key} ({@link ToolInvocation#idempotencyKey()}), the same across retries.
 * Options: see {@link HttpGetOptions}.
 */
public final class HttpGetTool implements Tool {

  public static final ToolDefinition DEFINITION =
      new ToolDefinition(
          BuiltinTools.HTTP_GET,
          "Fetch a URL over HTTP(S) with GET. Returns JSON with status, content_type, body (text, cut at a size"
              + " limit) and truncated. Redirects are not followed: a 3xx result gives the next location to fetch.",
          """
          {"type":"object","properties":{"url":{"type":"string",\
          "description":"The absolute http:// or https:// URL to fetch."}},\
          "required":["url"],"additionalProperties":false}""");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final AgentNetwork network;

  public HttpGetTool() {
    this(AgentNetwork.publicOnly());
  }

  /** @param network the policy before {@code allow_private} applies (a test's resolver, say) */
  public HttpGetTool(AgentNetwork network) {
    this.network = network;
  }

  @Override
  public ToolDefinition definition() {
    return DEFINITION;
  }

  @Override
  public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException, InterruptedException {
    HttpGetOptions options = HttpGetOptions.from(new ToolOptions(BuiltinTools.HTTP_GET, invocation.options()));
    String url = arguments.path("url").asText();
    Destination destination = checked(url, options);
    // Redirects are never followed: the next hop is a new call, vetted again.
    HttpClient client = new PinnedHttpClient(destination, CONNECT_TIMEOUT);
    HttpRequest request =
        HttpRequest.newBuilder(destination.uri())
            .GET()
            .timeout(options.timeout())
            .header("Idempotency-Key", invocation.idempotencyKey())
            .header("User-Agent", "Steward-http_get/0.1")
            .header("Accept", "*/*")
            .build();
    CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> pending =
        client.sendAsync(request, info -> new CappedBodySubscriber((int) options.maxBytes()));
    try {
      // One deadline for headers and body alike, so a slow trickle cannot hold the activity.
      HttpResponse<CappedBodySubscriber.Body> response = pending.get(options.timeout().toSeconds(), TimeUnit.SECONDS);
      return ToolResult.ok(describe(response, options));
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new ToolException(
          "http_get timed out after " + options.timeout().toSeconds() + " s fetching " + url
              + " (timeout_seconds in the agent spec)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ToolException("http_get could not fetch " + url + ": " + describe(cause), cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  private Destination checked(String url, HttpGetOptions options) throws ToolException {
    // allow_hosts first, so a host off the list is not even looked up.
    String named = hostOf(url);
    if (named != null && !options.hostAllowed(named)) {
      throw notAllowed(options, named);
    }
    Destination destination;
    try {
      destination = network.allowingPrivate(options.allowPrivate()).vet(url);
    } catch (RefusedDestinationException e) {
      throw new ToolException(!e.privateAddress() ? "http_get: " + e.getMessage()
          : "http_get refuses " + e.getMessage() + "; set allow_private: true on http_get in the agent spec to allow"
              + " local and private-network addresses");
    }
    if (!options.hostAllowed(destination.host())) {
      throw notAllowed(options, destination.host());
    }
    return destination;
  }

  private static ToolException notAllowed(HttpGetOptions options, String host) {
    return new ToolException("http_get may only fetch from " + String.join(", ", options.allowHosts())
        + " (allow_hosts in the agent spec); " + host + " is not on that list");
  }

  /** The URL's host, lower case, without brackets or a trailing dot; null when it has none readable. */
  private static String hostOf(String url) {
    try {
      String host = java.net.URI.create(url.strip()).getHost();
      if (host == null) {
        return null;
      }
      host = host.toLowerCase(java.util.Locale.ROOT).replace("[", "").replace("]", "");
      return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String describe(HttpResponse<CappedBodySubscriber.Body> response, HttpGetOptions options) {
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    CappedBodySubscriber.Body body = response.body();
    ObjectNode out = JSON.createObjectNode();
    out.put("status", response.statusCode());
    out.put("content_type", contentType);
    response.headers().firstValue("Location").ifPresent(location -> out.put("location", location));
    if (isText(contentType)) {
      out.put("body", new String(body.bytes(), charset(contentType)));
    } else {
      out.putNull("body");
      out.put("note", "binary content (" + contentType + ") is not shown");
    }
    out.put("truncated", body.truncated());
    if (body.truncated()) {
      out.put("note", "the body was cut after " + options.maxBytes() + " bytes (max_bytes)");
    }
    return out.toString();
  }

  private static boolean isText(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.isBlank()
        || type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("javascript")
        || type.contains("x-www-form-urlencoded")
        || type.contains("yaml")
        || type.contains("csv");
  }

  private static Charset charset(String contentType) {
    for (String part : contentType.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        try {
          return Charset.forName(p.substring("charset=".length()).replace("\"", "").trim());
        } catch (RuntimeException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String describe(Throwable error) {
    if (error instanceof java.net.ConnectException) {
      return "connection refused or unreachable";
    }
    if (error instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (error instanceof IOException && error.getMessage() != null) {
      return error.getMessage();
    }
    return error.toString();
  }
}
