package dev.steward.activities.tools.httptool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.spec.HttpToolSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A tool declared under {@code http_tools}: the URL template filled from the arguments; the other
 * arguments in the query ({@code GET}, {@code DELETE}, {@code HEAD}) or as a JSON body.
 */
final class DeclaredHttpTool implements Tool {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NO_BODY = Set.of("GET", "DELETE", "HEAD", "OPTIONS");

  private final HttpToolSpec spec;
  private final ToolDefinition definition;
  private final Function<String, String> env;
  private final HttpRequestRunner runner;

  DeclaredHttpTool(HttpToolSpec spec, Function<String, String> env, HttpRequestRunner runner) {
    this.spec = spec;
    this.env = env;
    this.runner = runner;
    this.definition = new ToolDefinition(spec.name(), spec.description(), schema(spec));
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException, InterruptedException {
    if (spec.url() == null || spec.url().isBlank()) {
      throw new ToolException("tool " + spec.name() + " has no url in its declaration");
    }
    String method = spec.method() == null ? "GET" : spec.method().toUpperCase(Locale.ROOT);
    String url = UrlTemplate.expand(spec.url(), arguments);
    Set<String> inUrl = UrlTemplate.names(spec.url());
    ObjectNode rest = JSON.createObjectNode();
    arguments.fields().forEachRemaining(e -> {
      if (!inUrl.contains(e.getKey())) {
        rest.set(e.getKey(), e.getValue());
      }
    });
    String body = null;
    if (NO_BODY.contains(method)) {
      List<Map.Entry<String, String>> query = new ArrayList<>();
      rest.fields().forEachRemaining(e -> query.addAll(UrlTemplate.pairs(e.getKey(), e.getValue())));
      url = UrlTemplate.withQuery(url, query);
    } else if (!rest.isEmpty()) {
      body = rest.toString();
    }
    Map<String, String> headers = HeaderValues.resolve(spec.headers(), spec.credential(), env, url, "tool " + spec.name());
    return runner.send(spec.name(), method, url, headers, body,
        HttpCallOptions.of(spec.maxBytes(), spec.timeoutSeconds(), spec.allowPrivate()), invocation.idempotencyKey());
  }

  private static String schema(HttpToolSpec spec) {
    if (spec.parameters().isEmpty()) {
      // Without a schema, at least the URL's parameters are known and required.
      ObjectNode schema = JSON.createObjectNode().put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      var required = schema.putArray("required");
      for (String name : UrlTemplate.names(spec.url() == null ? "" : spec.url())) {
        properties.putObject(name).put("type", "string");
        required.add(name);
      }
      return schema.toString();
    }
    try {
      return JSON.writeValueAsString(spec.parameters());
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
