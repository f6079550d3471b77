package dev.steward.activities.tools.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.activities.tools.Tool;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.activities.tools.ToolException;
import dev.steward.activities.tools.httptool.HeaderValues;
import dev.steward.activities.tools.httptool.HttpCallOptions;
import dev.steward.activities.tools.httptool.HttpRequestRunner;
import dev.steward.activities.tools.httptool.UrlTemplate;
import dev.steward.workflows.spec.OpenApiSpec;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One imported OpenAPI operation: path parameters into the path, query and header parameters, a JSON body. */
final class OpenApiTool implements Tool {

  private final OpenApiSpec spec;
  private final OpenApiOperation operation;
  private final ToolDefinition definition;
  private final Function<String, String> env;
  private final HttpRequestRunner runner;

  OpenApiTool(OpenApiSpec spec, OpenApiOperation operation, Function<String, String> env, HttpRequestRunner runner) {
    this.spec = spec;
    this.operation = operation;
    this.env = env;
    this.runner = runner;
    this.definition = new ToolDefinition(operation.toolName(), operation.description(), operation.argumentsSchema().toString());
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public ToolResult run(JsonNode arguments, ToolInvocation invocation) throws ToolException, InterruptedException {
    String path = UrlTemplate.expand(operation.path(), arguments);
    List<Map.Entry<String, String>> query = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>(
        HeaderValues.resolve(spec.headers(), spec.credential(), env, operation.baseUrl(), "tool " + operation.toolName()));
    for (OpenApiOperation.Parameter p : operation.parameters()) {
      JsonNode value = arguments.get(p.name());
      if (value == null || value.isNull()) {
        continue;
      }
      switch (p.in()) {
        case "query" -> query.addAll(UrlTemplate.pairs(p.name(), value));
        case "header" -> headers.put(p.name(), UrlTemplate.text(value));
        default -> {
          // Path parameters are already in the path.
        }
      }
    }
    JsonNode body = arguments.get(OpenApiOperation.BODY);
    String url = UrlTemplate.withQuery(operation.baseUrl() + path, query);
    return runner.send(operation.toolName(), operation.method(), url, headers, body == null ? null : body.toString(),
        HttpCallOptions.of(spec.maxBytes(), spec.timeoutSeconds(), spec.allowPrivate()), invocation.idempotencyKey());
  }
}
