package dev.steward.client.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent-file JSON Schema ({@code schemas/agent.schema.json}, generated from the spec records and
 * packed into this jar), applied to a parsed {@link YamlNode} tree. Its errors become the loader's
 * one-line problems, with the line of the value and the field's path: unknown fields (with a "did
 * you mean"), missing fields, wrong types, values out of range or not among the allowed ones.
 * Where the hand-written reader already said something about a field, the schema does not repeat it.
 */
final class AgentSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode SCHEMA_NODE = load();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_NODE);

  private AgentSchema() {}

  private static JsonNode load() {
    try (InputStream in = AgentSchema.class.getResourceAsStream("agent.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("agent.schema.json is missing from the client jar; rebuild it");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates an agent's tree and logs what the schema refuses and {@code log} does not already say.
   *
   * @param resolved true for a resolved spec, whose {@code openapi[].source} the file format leaves out
   */
  static void check(YamlNode root, ProblemLog log, boolean resolved) {
    YamlNode tree = resolved ? withoutSources(root) : root;
    JsonNode instance = JSON.valueToTree(plain(tree));
    List<String> said = log.fields();
    for (Error error : SCHEMA.validate(instance)) {
      Problem problem = translate(error, tree);
      if (problem != null && said.stream().noneMatch(f -> covers(problem.field(), f))) {
        log.error(problem.at(), problem.field(), problem.message());
        said = log.fields();
      }
    }
  }

  private record Problem(YamlNode at, String field, String message) {}

  /** Whether a problem already logged for {@code said} covers one for {@code field}: the same field, or one inside it. */
  private static boolean covers(String field, String said) {
    if (said == null || field == null) {
      return said == null && field == null;
    }
    return said.equals(field) || said.startsWith(field + ".") || said.startsWith(field + "[")
        || field.startsWith(said + ".") || field.startsWith(said + "[");
  }

  private static Problem translate(Error error, YamlNode root) {
    NodePath location = error.getInstanceLocation();
    YamlNode at = root;
    String path = "";
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path = FieldPath.index(path, index);
        at = at instanceof YamlNode.Sequence seq && index < seq.items().size() ? seq.items().get(index) : at;
      } else {
        String key = String.valueOf(element);
        path = FieldPath.child(path, key);
        at = at instanceof YamlNode.Mapping m && m.fields().containsKey(key) ? m.fields().get(key) : at;
      }
    }
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    switch (keyword) {
      case "additionalProperties" -> {
        String key = error.getProperty();
        YamlNode value = at instanceof YamlNode.Mapping m && m.fields().containsKey(key) ? m.fields().get(key) : at;
        List<String> allowed = allowedFields(error);
        String hint = Suggestions.closest(key, allowed).map(c -> "; did you mean '" + c + "'?")
            .orElse("; expected one of " + String.join(", ", allowed));
        return new Problem(value, FieldPath.child(path, key), "unknown field" + hint);
      }
      case "required" -> {
        String missing = error.getProperty();
        List<String> allowed = allowedFields(error);
        // A misspelling of it was reported as an unknown field, which explains its absence.
        if (at instanceof YamlNode.Mapping m && m.fields().keySet().stream().filter(k -> !allowed.contains(k))
            .anyMatch(k -> Suggestions.closest(k, allowed).filter(missing::equals).isPresent())) {
          return null;
        }
        return new Problem(at, FieldPath.child(path, missing), "is required");
      }
      case "type" -> {
        if (at instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.INTEGER || s.kind() == YamlNode.Kind.DECIMAL)
            && "string".equals(error.getSchemaNode().asText())) {
          return null; // Text fields take numbers as written (a model id may well be 4).
        }
        return new Problem(at, FieldPath.orNull(path), "expected " + error.getSchemaNode().asText() + ", got " + at.describe());
      }
      case "enum" -> {
        // E.g. "unknown provider 'opena'; expected one of scripted, openai, ...": the list is short, printed in full.
        List<String> values = new ArrayList<>();
        error.getSchemaNode().forEach(v -> values.add(v.asText()));
        String last = location.getNameCount() == 0 ? "value" : String.valueOf(location.getElement(location.getNameCount() - 1));
        String given = at instanceof YamlNode.Scalar s ? s.text() : at.describe();
        return new Problem(at, FieldPath.orNull(path), "unknown " + last.replace('_', ' ') + " '" + given
            + "'; expected one of " + String.join(", ", values));
      }
      default -> {
        String message = error.getMessage() == null ? keyword : error.getMessage();
        // The validator's messages start with the instance's path, which the problem names already.
        int colon = message.indexOf(": ");
        return new Problem(at, FieldPath.orNull(path), colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message);
      }
    }
  }

  /** The fields the schema allows where the error is: the properties beside its keyword ({@code additionalProperties}, {@code required}). */
  private static List<String> allowedFields(Error error) {
    NodePath fragment = error.getSchemaLocation().getFragment();
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      pointer.append('/').append(String.valueOf(fragment.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    List<String> names = new ArrayList<>();
    SCHEMA_NODE.at(pointer.toString()).path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * The tree as plain Java for the validator; YAML's {@code .nan} and {@code .inf} become text, which
   * the validator cannot compare as numbers (the reader reports them, naming the field).
   */
  private static Object plain(YamlNode node) {
    if (node instanceof YamlNode.Mapping m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.fields().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (node instanceof YamlNode.Sequence seq) {
      return seq.items().stream().map(AgentSchema::plain).toList();
    }
    Object value = node.toPlain();
    return value instanceof Double d && (d.isNaN() || d.isInfinite()) ? d.toString() : value;
  }

  /** The tree without {@code openapi[].source}, which only a resolved spec carries. */
  private static YamlNode withoutSources(YamlNode root) {
    if (!(root instanceof YamlNode.Mapping m) || !(m.fields().get("openapi") instanceof YamlNode.Sequence imports)) {
      return root;
    }
    List<YamlNode> items = new ArrayList<>();
    for (YamlNode item : imports.items()) {
      if (item instanceof YamlNode.Mapping im) {
        Map<String, YamlNode> fields = new LinkedHashMap<>(im.fields());
        fields.remove("source");
        items.add(new YamlNode.Mapping(im.line(), im.column(), fields));
      } else {
        items.add(item);
      }
    }
    Map<String, YamlNode> fields = new LinkedHashMap<>(m.fields());
    fields.put("openapi", new YamlNode.Sequence(imports.line(), imports.column(), items));
    return new YamlNode.Mapping(m.line(), m.column(), fields);
  }
}
