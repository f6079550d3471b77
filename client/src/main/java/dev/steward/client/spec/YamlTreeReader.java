package dev.steward.client.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text (an agent file) or JSON text (a resolved spec, {@code spec_json}) into
 * {@link YamlNode}s, from Jackson's token stream because tokens still carry their line. Syntax
 * errors, duplicate keys, aliases and extra documents go to the problem log.
 */
final class YamlTreeReader {

  /**
   * How deep an agent file may nest. Real ones stay far below; the reader recurses per level, and at
   * Jackson's default (1000) a deeply nested file overflowed a small thread stack instead of
   * being refused in one line (found by AgentFilesFuzzTest).
   */
  static final int MAX_NESTING_DEPTH = 100;

  // The builder does not turn on this default of YAMLParser's: without it `key:` reads as "", not null.
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
      .build();

  private static final JsonFactory JSON = new JsonFactory();

  private final ProblemLog log;
  private JsonParser parser;

  private YamlTreeReader(ProblemLog log) {
    this.log = log;
  }

  /** The document's root, or null when the text is empty or not YAML (then the log says why). */
  static YamlNode read(String text, ProblemLog log) {
    return new YamlTreeReader(log).readDocument(text, YAML);
  }

  /** As {@link #read}, for JSON text: JSON's own parser, so JSON that YAML 1.1 reads otherwise is read as JSON. */
  static YamlNode readJson(String text, ProblemLog log) {
    return new YamlTreeReader(log).readDocument(text, JSON);
  }

  private YamlNode readDocument(String text, JsonFactory factory) {
    try (JsonParser p = factory.createParser(text)) {
      parser = p;
      JsonToken first = p.nextToken();
      if (first == null) {
        log.error(0, null, "the file is empty; an agent file needs at least a name and a model");
        return null;
      }
      YamlNode root = readValue(line(), column(), "");
      if (p.nextToken() != null) {
        log.error(line(), null, "the file holds more than one YAML document; put one agent in each file");
      }
      return root;
    } catch (StreamConstraintsException e) {
      // It carries no location; the parser knows where it stopped.
      log.error(parser == null ? 0 : parser.currentLocation().getLineNr(), null,
          "nested more than " + MAX_NESTING_DEPTH + " levels deep; agent files are never that deep");
      return null;
    } catch (JsonProcessingException e) {
      log.error(problemLine(e), problemColumn(e), null, "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + describe(e));
      return null;
    } catch (IOException | RuntimeException e) {
      log.error(0, null, "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + e.getMessage());
      return null;
    }
  }

  /** Reads the value at the current token; {@code line} and {@code column} are where people should look for it. */
  private YamlNode readValue(int line, int column, String path) throws IOException {
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      log.error(line(), FieldPath.orNull(path), "YAML aliases (*name) are not supported; write the value out"
          + " (to mean every tool, write \"*\" in quotes)");
    }
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readMapping(line, column, path);
      case START_ARRAY -> readSequence(line, column, path);
      case VALUE_STRING -> new YamlNode.Scalar(line, column, YamlNode.Kind.TEXT, parser.getText(), parser.getText());
      case VALUE_NUMBER_INT -> new YamlNode.Scalar(line, column, YamlNode.Kind.INTEGER, parser.getText(), parser.getNumberValue());
      case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(line, column, YamlNode.Kind.DECIMAL, parser.getText(), decimal());
      case VALUE_TRUE, VALUE_FALSE ->
          new YamlNode.Scalar(line, column, YamlNode.Kind.BOOLEAN, parser.getText(), token == JsonToken.VALUE_TRUE);
      case VALUE_NULL -> new YamlNode.Scalar(line, column, YamlNode.Kind.NULL, "", null);
      default -> {
        // Binary (!!binary) and other exotic tags have no place in an agent file.
        log.error(line, FieldPath.orNull(path), "unsupported YAML value " + token);
        parser.skipChildren();
        yield new YamlNode.Scalar(line, column, YamlNode.Kind.NULL, "", null);
      }
    };
  }

  /**
   * YAML's {@code .nan} and {@code .inf} are numbers to YAML but malformed to Jackson; read here,
   * they reach the field's range check, which names the field instead of calling the file invalid.
   */
  private double decimal() throws IOException {
    try {
      return parser.getDoubleValue();
    } catch (JsonProcessingException e) {
      return switch (parser.getText().toLowerCase(java.util.Locale.ROOT)) {
        case ".nan" -> Double.NaN;
        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
        case "-.inf" -> Double.NEGATIVE_INFINITY;
        default -> throw e;
      };
    }
  }

  private YamlNode readMapping(int line, int column, String path) throws IOException {
    Map<String, YamlNode> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line();
      int keyColumn = column();
      parser.nextToken();
      YamlNode value = readValue(keyLine, keyColumn, FieldPath.child(path, key));
      if (fields.containsKey(key)) {
        log.error(keyLine, keyColumn, FieldPath.child(path, key), "appears twice in the same mapping (first on line " + fields.get(key).line() + ")");
      } else {
        fields.put(key, value);
      }
    }
    return new YamlNode.Mapping(line, column, fields);
  }

  private YamlNode readSequence(int line, int column, String path) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      items.add(readValue(line(), column(), FieldPath.index(path, items.size())));
    }
    return new YamlNode.Sequence(line, column, items);
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private int column() {
    return Math.max(0, parser.currentTokenLocation().getColumnNr());
  }

  /** SnakeYAML knows where the problem is; Jackson's location is where the enclosing block began. */
  private static int problemLine(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      return m.getProblemMark().getLine() + 1;
    }
    JsonLocation at = e.getLocation();
    return at == null ? 0 : at.getLineNr();
  }

  /** As {@link #problemLine}, the column; 0 when unknown. */
  private static int problemColumn(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      return m.getProblemMark().getColumn() + 1;
    }
    JsonLocation at = e.getLocation();
    return at == null ? 0 : Math.max(0, at.getColumnNr());
  }

  /** SnakeYAML's messages span several lines with code excerpts; its context and problem say enough. */
  private static String describe(JsonProcessingException e) {
    String message;
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      message = m.getContext() == null ? m.getProblem() : m.getContext() + ": " + m.getProblem();
    } else {
      String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
      message = original.strip().lines().findFirst().orElse(original).strip();
    }
    // One line: the messages may hold the offending character, even a newline.
    message = message.replaceAll("\\s+", " ").strip();
    if (message.contains("alias")) {
      message += " (to mean every tool, write \"*\" in quotes)";
    }
    return message;
  }
}
