package dev.steward.client.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations of an embedded OpenAPI document, named as the worker names them (the
 * operationId, or method and path when there is none), so the loader can check that what a file
 * selects ({@code operations}, {@code tags}) and lists under {@code tools} exists. The worker parses
 * the document again with swagger-parser; this reads only what the names need.
 *
 * @param operations every operation, in document order
 * @param complete false when some path item is a {@code $ref} this reader cannot follow; then a
 *     name it does not find may still exist, and is not reported
 */
record OpenApiOperations(List<Operation> operations, boolean complete) {

  /** One operation: its tool name after the import's prefix, and its tags. */
  record Operation(String id, List<String> tags) {}

  /** The HTTP methods of a path item, as swagger-parser reads them. */
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Lists in messages stop here; a large API has hundreds of operations. */
  private static final int SHOWN = 20;

  /** Thrown when the text is not an OpenAPI 3 document; the message says why, for the agent file's error. */
  static final class NotOpenApi extends Exception {
    NotOpenApi(String message) {
      super(message);
    }
  }

  /** Reads the operations of an OpenAPI 3 document (YAML or JSON). */
  static OpenApiOperations read(String text) throws NotOpenApi {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
      throw new NotOpenApi("cannot be read as YAML or JSON: " + message.strip().lines().findFirst().orElse("").strip());
    }
    if (root == null || !root.isObject() || !root.path("openapi").isValueNode()) {
      throw new NotOpenApi("is not an OpenAPI 3 document (it has no openapi field)");
    }
    String version = root.path("openapi").asText();
    if (!version.startsWith("3")) {
      throw new NotOpenApi("is not an OpenAPI 3 document (openapi: " + version + ")");
    }
    List<Operation> operations = new ArrayList<>();
    boolean complete = true;
    for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
      JsonNode item = path.getValue();
      if (item.has("$ref")) {
        String ref = item.path("$ref").asText();
        JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
        if (target == null || !target.isObject()) {
          complete = false;
          continue;
        }
        item = target;
      }
      for (String method : METHODS) {
        JsonNode operation = item.get(method);
        if (operation == null || !operation.isObject()) {
          continue;
        }
        // The worker's rule (OpenApiDocuments): no operationId means method and path, made name-safe.
        String id = operation.path("operationId").isTextual() ? operation.path("operationId").asText()
            : (method + path.getKey()).replaceAll("[^A-Za-z0-9_-]+", "_");
        List<String> tags = new ArrayList<>();
        operation.path("tags").forEach(t -> tags.add(t.asText()));
        operations.add(new Operation(id, List.copyOf(tags)));
      }
    }
    return new OpenApiOperations(List.copyOf(operations), complete);
  }

  Set<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    operations.forEach(o -> ids.add(o.id()));
    return ids;
  }

  Set<String> tags() {
    Set<String> tags = new LinkedHashSet<>();
    operations.forEach(o -> tags.addAll(o.tags()));
    return tags;
  }

  /** The ids the import selects, by the rule of {@code OpenApiSpec.selects}: both lists empty select all. */
  Set<String> selected(List<String> byId, List<String> byTag) {
    Set<String> ids = new LinkedHashSet<>();
    for (Operation o : operations) {
      if ((byId.isEmpty() && byTag.isEmpty()) || byId.contains(o.id()) || o.tags().stream().anyMatch(byTag::contains)) {
        ids.add(o.id());
      }
    }
    return ids;
  }

  /** "a, b, c" with at most {@value #SHOWN} names, then how many more. */
  static String list(Collection<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> shown = names.stream().limit(SHOWN).toList();
    return String.join(", ", shown) + (names.size() > SHOWN ? " and " + (names.size() - SHOWN) + " more" : "");
  }
}
