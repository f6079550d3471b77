package dev.steward.client.spec;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of {@link YamlNode}s. A value of the wrong type or out of range is logged
 * with its line and field, and read as null, so one pass finds every problem in the file.
 */
final class Fields {

  private final ProblemLog log;

  Fields(ProblemLog log) {
    this.log = log;
  }

  ProblemLog log() {
    return log;
  }

  /** Text; numbers are taken as written (a model id may well be {@code 4}), booleans are not. */
  String text(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s
        && (s.kind() == YamlNode.Kind.TEXT || s.kind() == YamlNode.Kind.INTEGER || s.kind() == YamlNode.Kind.DECIMAL)) {
      return s.text();
    }
    return mismatch(node, path, "text");
  }

  /** A whole number in {@code [min, max]}. */
  Long whole(YamlNode node, String path, long min, long max) {
    return whole(node, path, min, max, range(min, max));
  }

  /**
   * A number of seconds in {@code [min, max]}; the error says the range in seconds and in days or
   * hours, e.g. "must be between 1 and 86400 seconds (24 hours)".
   */
  Long seconds(YamlNode node, String path, long min, long max) {
    return whole(node, path, min, max, "must be between " + min + " and " + max + " seconds (" + Bounds.describe(max) + ")");
  }

  private Long whole(YamlNode node, String path, long min, long max, String range) {
    if (!(node instanceof YamlNode.Scalar s) || s.kind() != YamlNode.Kind.INTEGER) {
      return mismatch(node, path, "a whole number");
    }
    Number n = (Number) s.value();
    if (n instanceof BigInteger big && big.bitLength() > 63) {
      log.error(node, path, "is far too large; " + range);
      return null;
    }
    long value = n.longValue();
    if (value < min || value > max) {
      log.error(node, path, "is " + value + "; " + range);
      return null;
    }
    return value;
  }

  /** True or false. */
  Boolean bool(YamlNode node, String path) {
    if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
      return (Boolean) s.value();
    }
    return mismatch(node, path, "true or false");
  }

  /** A number (whole or decimal) in {@code [min, max]}. */
  Double number(YamlNode node, String path, double min, double max) {
    if (!(node instanceof YamlNode.Scalar s)
        || (s.kind() != YamlNode.Kind.INTEGER && s.kind() != YamlNode.Kind.DECIMAL)) {
      return mismatch(node, path, "a number");
    }
    double value = ((Number) s.value()).doubleValue();
    if (Double.isNaN(value) || value < min || value > max) {
      log.error(node, path, "is " + s.text() + "; must be between " + plain(min) + " and " + plain(max));
      return null;
    }
    return value;
  }

  List<YamlNode> list(YamlNode node, String path, String example) {
    if (node instanceof YamlNode.Sequence seq) {
      return seq.items();
    }
    return mismatch(node, path, "a list" + example);
  }

  /** A mapping whose keys this loader checks, with the keys it allows. */
  MappingReader mapping(YamlNode node, String path, List<String> allowed) {
    if (node instanceof YamlNode.Mapping m) {
      return new MappingReader(this, m, path, allowed);
    }
    return mismatch(node, path, "a mapping with fields " + String.join(", ", allowed));
  }

  /**
   * A free-form mapping (options, parameters, arguments) as plain Java. Its own values may not be
   * null: the records copy such maps with {@code Map.copyOf}, which refuses nulls.
   */
  Map<String, Object> freeMapping(YamlNode node, String path, String example) {
    if (!(node instanceof YamlNode.Mapping m)) {
      return mismatch(node, path, "a mapping" + example);
    }
    Map<String, Object> plain = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, YamlNode> e : m.fields().entrySet()) {
      if (isNull(e.getValue())) {
        log.error(e.getValue(), FieldPath.child(path, e.getKey()), "needs a value (remove the field to leave it out)");
        ok = false;
      } else {
        plain.put(e.getKey(), e.getValue().toPlain());
      }
    }
    return ok ? plain : null;
  }

  static boolean isNull(YamlNode node) {
    return node == null || (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.NULL);
  }

  private <T> T mismatch(YamlNode node, String path, String expected) {
    log.error(node, path, "expected " + expected + ", got " + node.describe());
    return null;
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return min == 0 ? "must not be negative" : "must be at least " + min;
    }
    return "must be between " + min + " and " + max;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
