package dev.steward.client.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers its line. Jackson's {@code JsonNode} forgets where it came from, and
 * every error in an agent file must name its line, so the loader reads into this instead.
 */
sealed interface YamlNode {

  /** The line people should look at: a mapping entry's key line, or a list item's first line. */
  int line();

  /** The 1-based column on {@link #line()} where it starts (the key's, for a mapping entry); 0 when unknown. */
  int column();

  /** Plain Java for free-form places (tool options, model parameters, tool-call arguments). */
  Object toPlain();

  /** A few words saying what this is, for "expected X, got Y" messages. */
  String describe();

  enum Kind { TEXT, INTEGER, DECIMAL, BOOLEAN, NULL }

  /**
   * A scalar.
   *
   * @param text the scalar as written (for numbers, their digits)
   * @param value the parsed value: String, a Number, Boolean or null
   */
  record Scalar(int line, int column, Kind kind, String text, Object value) implements YamlNode {
    @Override
    public Object toPlain() {
      return value;
    }

    @Override
    public String describe() {
      return switch (kind) {
        case TEXT -> "text '" + abbreviate(text) + "'";
        case INTEGER, DECIMAL -> "the number " + text;
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "no value";
      };
    }

    private static String abbreviate(String s) {
      String oneLine = s.replace('\n', ' ');
      return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
  }

  /** A mapping; its entries keep the order of the file, and each child's line is its key's line. */
  record Mapping(int line, int column, Map<String, YamlNode> fields) implements YamlNode {
    @Override
    public Object toPlain() {
      Map<String, Object> plain = new LinkedHashMap<>();
      fields.forEach((k, v) -> plain.put(k, v.toPlain()));
      return plain;
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A list. */
  record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
    @Override
    public Object toPlain() {
      List<Object> plain = new ArrayList<>();
      items.forEach(i -> plain.add(i.toPlain()));
      return plain;
    }

    @Override
    public String describe() {
      return "a list";
    }
  }
}
