package dev.steward.activities.tools.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.tools.ToolException;
import dev.steward.workflows.spec.OpenApiSpec;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an embedded OpenAPI 3.0 or 3.1 document into operations, with swagger-parser ({@code $ref}s
 * inlined; a recursive one, which cannot be, points into the schema's own {@code $defs}). Parsed
 * once per declaration and worker. A document with an external {@code $ref} is refused before
 * parsing ({@link InternalRefsOnly}): the worker fetches nothing a document names.
 */
final class OpenApiDocuments {

  private static final Set<String> PARAMETER_PLACES = Set.of("path", "query", "header");

  private static final String COMPONENT_REF = "#/components/schemas/";

  private final Map<OpenApiSpec, List<OpenApiOperation>> parsed = new ConcurrentHashMap<>();

  /** The selected operations of {@code spec}'s document. */
  List<OpenApiOperation> operations(OpenApiSpec spec) throws ToolException {
    List<OpenApiOperation> cached = parsed.get(spec);
    if (cached == null) {
      cached = parse(spec);
      parsed.put(spec, cached);
    }
    return cached;
  }

  private List<OpenApiOperation> parse(OpenApiSpec spec) throws ToolException {
    if (spec.document() == null || spec.document().isBlank()) {
      throw new ToolException("OpenAPI import " + spec.name() + " carries no document");
    }
    // Resolving stays on for refs inside the document; anything pointing outside is refused first.
    InternalRefsOnly.check(spec.name(), spec.document());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(spec.document(), null, options);
    OpenAPI api = result.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      throw new ToolException("OpenAPI import " + spec.name() + " is not a usable OpenAPI 3 document: "
          + (result.getMessages() == null ? "" : String.join("; ", result.getMessages())));
    }
    String base = baseUrl(spec, api);
    SchemaWriter schemas = SchemaWriter.of(api);
    List<OpenApiOperation> out = new ArrayList<>();
    for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        Operation operation = op.getValue();
        String id = operation.getOperationId() != null ? operation.getOperationId()
            : (op.getKey().name().toLowerCase() + path.getKey()).replaceAll("[^A-Za-z0-9_-]+", "_");
        if (!spec.selects(id, operation.getTags())) {
          continue;
        }
        List<Parameter> parameters = new ArrayList<>();
        if (path.getValue().getParameters() != null) {
          parameters.addAll(path.getValue().getParameters());
        }
        if (operation.getParameters() != null) {
          parameters.addAll(operation.getParameters());
        }
        out.add(operation(schemas, spec.name() + "." + id, op.getKey().name(), base, path.getKey(), operation,
            parameters));
      }
    }
    return List.copyOf(out);
  }

  private OpenApiOperation operation(SchemaWriter schemas, String toolName, String method, String base, String path,
      Operation operation, List<Parameter> parameters) {
    ObjectNode schema = schemas.mapper().createObjectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = schema.putArray("required");
    List<OpenApiOperation.Parameter> used = new ArrayList<>();
    for (Parameter p : parameters) {
      if (p.getName() == null || !PARAMETER_PLACES.contains(p.getIn())) {
        continue;
      }
      ObjectNode property = p.getSchema() == null ? schemas.mapper().createObjectNode() : schemas.tree(p.getSchema());
      if (p.getDescription() != null) {
        property.put("description", p.getDescription());
      }
      properties.set(p.getName(), property);
      if (Boolean.TRUE.equals(p.getRequired()) || "path".equals(p.getIn())) {
        required.add(p.getName());
      }
      used.add(new OpenApiOperation.Parameter(p.getName(), p.getIn()));
    }
    JsonNode body = jsonBody(schemas, operation);
    if (body != null) {
      properties.set(OpenApiOperation.BODY, body);
      if (Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
        required.add(OpenApiOperation.BODY);
      }
    }
    if (required.isEmpty()) {
      schema.remove("required");
    }
    schemas.selfContain(schema);
    String description = String.join(" ", nonBlank(operation.getSummary()), nonBlank(operation.getDescription())).trim();
    return new OpenApiOperation(toolName, description, method, base, path, List.copyOf(used), schema);
  }

  private static JsonNode jsonBody(SchemaWriter schemas, Operation operation) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return null;
    }
    for (Map.Entry<String, MediaType> content : operation.getRequestBody().getContent().entrySet()) {
      if (content.getKey().contains("json") && content.getValue().getSchema() != null) {
        return schemas.tree(content.getValue().getSchema());
      }
    }
    return null;
  }

  private static String baseUrl(OpenApiSpec spec, OpenAPI api) throws ToolException {
    String url = spec.baseUrl();
    if (url == null && api.getServers() != null && !api.getServers().isEmpty()) {
      url = api.getServers().get(0).getUrl();
    }
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new ToolException("OpenAPI import " + spec.name() + " needs base_url: the document's server URL ("
          + url + ") is not an absolute http(s) URL");
    }
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String nonBlank(String s) {
    return s == null ? "" : s.trim();
  }

  /**
   * Writes a document's schemas as JSON Schema: with the serializer of its OpenAPI version (the 3.0
   * one drops every {@code type} of a 3.1 schema), and self-contained.
   */
  @SuppressWarnings("rawtypes")
  private record SchemaWriter(ObjectMapper mapper, Map<String, Schema> components) {

    static SchemaWriter of(OpenAPI api) {
      ObjectMapper mapper = api.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
      Map<String, Schema> components = api.getComponents() == null || api.getComponents().getSchemas() == null
          ? Map.of() : api.getComponents().getSchemas();
      return new SchemaWriter(mapper, components);
    }

    ObjectNode tree(Schema<?> schema) {
      return mapper.valueToTree(schema);
    }

    /**
     * Copies the component schemas that {@code root} reaches into its {@code $defs} and points its
     * refs there, so the validator and the model, which never see the document, can resolve them.
     */
    void selfContain(ObjectNode root) {
      Map<String, JsonNode> defs = new LinkedHashMap<>();
      Deque<JsonNode> todo = new ArrayDeque<>(List.of(root));
      while (!todo.isEmpty()) {
        List<String> reached = new ArrayList<>();
        pointRefsToDefs(todo.pop(), reached);
        for (String name : reached) {
          if (!defs.containsKey(name)) {
            ObjectNode def = tree(components.get(name));
            defs.put(name, def);
            todo.push(def);
          }
        }
      }
      if (!defs.isEmpty()) {
        root.putObject("$defs").setAll(defs);
      }
    }

    private void pointRefsToDefs(JsonNode node, List<String> reached) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENT_REF)) {
        String name = ref.asText().substring(COMPONENT_REF.length());
        if (components.containsKey(name)) {
          ((ObjectNode) node).put("$ref", "#/$defs/" + name);
          reached.add(name);
        }
      }
      node.forEach(child -> pointRefsToDefs(child, reached));
    }
  }
}
