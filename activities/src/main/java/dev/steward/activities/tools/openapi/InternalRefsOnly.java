package dev.steward.activities.tools.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.steward.activities.tools.ToolException;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses an OpenAPI document that refers outside itself. The parser would fetch whatever URL or
 * file an external {@code $ref} names, from the worker, on behalf of whoever wrote the spec; only
 * refs into the document itself ({@code #/...}) are followed.
 */
final class InternalRefsOnly {

  /** YAML is a superset of the JSON documents are also written in. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private InternalRefsOnly() {}

  /** Throws naming the first external ref of {@code document} and where it is. */
  static void check(String importName, String document) throws ToolException {
    JsonNode root;
    try {
      root = YAML.readTree(document);
    } catch (JsonProcessingException e) {
      throw new ToolException("OpenAPI import " + importName + " is not a readable YAML or JSON document: "
          + e.getOriginalMessage());
    }
    String found = firstExternal(root, "");
    if (found != null) {
      throw new ToolException("OpenAPI import " + importName + " has an external " + found
          + "; the worker follows only refs inside the document (#/...): copy the referenced part into it");
    }
  }

  private static String firstExternal(JsonNode node, String pointer) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String here = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
        JsonNode value = field.getValue();
        if (isRefKeyword(field.getKey()) && value.isTextual() && !value.asText().startsWith("#")) {
          return field.getKey() + " '" + value.asText() + "' at " + here;
        }
        String deeper = firstExternal(value, here);
        if (deeper != null) {
          return deeper;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String deeper = firstExternal(node.get(i), pointer + "/" + i);
        if (deeper != null) {
          return deeper;
        }
      }
    }
    return null;
  }

  /** {@code $ref}, and JSON Schema 2020-12's {@code $dynamicRef} that 3.1 documents may use. */
  private static boolean isRefKeyword(String key) {
    return key.equals("$ref") || key.equals("$dynamicRef");
  }
}
