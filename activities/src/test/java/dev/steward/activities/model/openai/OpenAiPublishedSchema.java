package dev.steward.activities.model.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * A component of OpenAI's published OpenAPI document ({@code schemas/vendor/openai-openapi.json.gz},
 * OpenAPI 3.1, so JSON Schema 2020-12) as a networknt validator: the whole document's components
 * travel with a root that is only a {@code $ref} to the component, so its {@code #/components/...}
 * refs resolve as they do in the document.
 */
final class OpenAiPublishedSchema {

  static final Path DOCUMENT = Path.of("../schemas/vendor/openai-openapi.json.gz");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode document;

  private final String component;
  private final Schema schema;

  private OpenAiPublishedSchema(String component, Schema schema) {
    this.component = component;
    this.schema = schema;
  }

  /** The validator of {@code #/components/schemas/<component>}. */
  static OpenAiPublishedSchema of(String component) {
    JsonNode components = document().path("components");
    if (!components.path("schemas").has(component)) {
      throw new IllegalArgumentException("OpenAI's document has no component " + component);
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("$ref", "#/components/schemas/" + component);
    root.set("components", components);
    return new OpenAiPublishedSchema(component,
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root));
  }

  /** Every violation of the schema, as networknt words it. */
  List<String> violations(JsonNode body) {
    return schema.validate(body).stream().map(Error::toString).toList();
  }

  /**
   * The top-level fields the component declares, through {@code allOf} and {@code $ref}s: the
   * schema itself does not forbid others, and an unknown field is what a typo looks like.
   */
  Set<String> declaredFields() {
    Set<String> names = new TreeSet<>();
    collect(document().at("/components/schemas/" + component), names, 0);
    return names;
  }

  private static void collect(JsonNode schema, Set<String> names, int depth) {
    if (schema == null || schema.isMissingNode() || depth > 10) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.asText().startsWith("#/")) {
      collect(document().at(ref.asText().substring(1)), names, depth + 1);
    }
    schema.path("properties").fieldNames().forEachRemaining(names::add);
    for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
      schema.path(combiner).forEach(part -> collect(part, names, depth + 1));
    }
  }

  private static synchronized JsonNode document() {
    if (document == null) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(DOCUMENT))) {
        JsonNode read = JSON.readTree(in);
        nullableAsType(read);
        document = read;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
      }
    }
    return document;
  }

  /**
   * The document says OpenAPI 3.1 but still marks many fields with 3.0's {@code nullable: true},
   * which JSON Schema 2020-12 does not know; read as the authors mean it: null is allowed too.
   */
  private static void nullableAsType(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode type = object.get("type");
      if (object.path("nullable").asBoolean(false) && type != null && type.isTextual()) {
        ArrayNode types = object.putArray("type");
        types.add(type.asText());
        types.add("null");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        nullableAsType(it.next().getValue());
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(OpenAiPublishedSchema::nullableAsType);
    }
  }
}
