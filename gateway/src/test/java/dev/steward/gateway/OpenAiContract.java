package dev.steward.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * OpenAI's published OpenAPI document ({@code schemas/vendor/openai-openapi.json.gz}) as a checker of
 * bodies: finds the operation of a method and path, and validates a request body, a JSON response
 * or each event of a server-sent event stream against the schema the document gives for it, with
 * networknt's JSON Schema 2020-12 validator.
 */
final class OpenAiContract {

  static final Path DOCUMENT = Path.of("../schemas/vendor/openai-openapi.json.gz");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static OpenAiContract instance;

  private final JsonNode document;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenAiContract(JsonNode document) {
    this.document = document;
    fixErrata();
  }

  /**
   * Corrects what is wrong in the document itself, each with its reason: {@code MCPApprovalResponse}
   * requires {@code request_id}, a property it does not declare and that OpenAI's own SDKs do not send.
   */
  private void fixErrata() {
    JsonNode required = document.path("components").path("schemas").path("MCPApprovalResponse").path("required");
    if (required.isArray()) {
      for (int i = required.size() - 1; i >= 0; i--) {
        if (required.get(i).asText().equals("request_id")) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) required).remove(i);
        }
      }
    }
  }

  static synchronized OpenAiContract load() {
    if (instance == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(DOCUMENT))) {
        instance = new OpenAiContract(JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
      }
    }
    return instance;
  }

  /** What is wrong with a request body of {@code method path}; empty when it conforms. */
  List<String> checkRequest(String method, String path, String body) {
    JsonNode operation = operation(method, path);
    JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
    if (body == null || body.isBlank() || schema.isMissingNode()) {
      return List.of();
    }
    return validate(schema, body, "request " + method + " " + path);
  }

  /** What is wrong with a response to {@code method path}; errors against the document's error shape. */
  List<String> checkResponse(String method, String path, int status, String contentType, String body) {
    String what = "response " + status + " to " + method + " " + path;
    if (status >= 400) {
      return validate(JSON.createObjectNode().put("$ref", "#/components/schemas/ErrorResponse"), body, what);
    }
    JsonNode content = operation(method, path).path("responses").path(String.valueOf(status)).path("content");
    if (contentType != null && contentType.startsWith("text/event-stream")) {
      JsonNode schema = content.path("text/event-stream").path("schema");
      List<String> problems = new ArrayList<>();
      for (String event : body.split("\n\n")) {
        for (String line : event.split("\n")) {
          if (line.startsWith("data:")) {
            problems.addAll(validate(schema, line.substring(5).strip(), what + " event"));
          }
        }
      }
      return problems;
    }
    return validate(content.path("application/json").path("schema"), body, what);
  }

  private JsonNode operation(String method, String path) {
    String bare = path.replaceFirst("\\?.*$", "").replaceFirst("^/v1", "");
    for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String regex = Pattern.quote(entry.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (bare.matches(regex) && entry.getValue().has(method.toLowerCase())) {
        return entry.getValue().get(method.toLowerCase());
      }
    }
    throw new AssertionError("OpenAI's document has no operation " + method + " " + path);
  }

  private List<String> validate(JsonNode schemaNode, String body, String what) {
    if (schemaNode.isMissingNode()) {
      return List.of(what + ": the document gives no schema for it");
    }
    Schema schema = schemas.computeIfAbsent(schemaNode.toString(), key -> {
      // The document is the root, so its "#/components/schemas/..." references resolve.
      ObjectNode root = document.deepCopy();
      root.setAll((ObjectNode) schemaNode);
      return registry.getSchema(root);
    });
    JsonNode instance;
    try {
      instance = JSON.readTree(body);
    } catch (IOException e) {
      return List.of(what + ": not JSON: " + body);
    }
    return schema.validate(instance).stream().map(e -> what + ": " + e + " in " + abbreviate(body)).toList();
  }

  private static String abbreviate(String body) {
    return body.length() <= 600 ? body : body.substring(0, 600) + "...";
  }
}
