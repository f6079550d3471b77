package dev.steward.client.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One mapping of an agent file with the fields it allows. Unknown fields are the schema's to report
 * ({@link AgentSchema}, with a "did you mean"); this only remembers which allowed fields seem
 * misspelt, so that their absence is not reported a second time as "is required".
 */
final class MappingReader {

  private final Fields fields;
  private final YamlNode.Mapping mapping;
  private final String path;
  /** Fields that seem misspelt: their "did you mean" already explains why they are missing. */
  private final Set<String> misspelt = new HashSet<>();

  MappingReader(Fields fields, YamlNode.Mapping mapping, String path, List<String> allowed) {
    this.fields = fields;
    this.mapping = mapping;
    this.path = path;
    mapping.fields().keySet().stream().filter(key -> !allowed.contains(key))
        .forEach(key -> Suggestions.closest(key, allowed).ifPresent(misspelt::add));
  }

  /** The field's node, or null when it is absent or has no value. */
  YamlNode get(String key) {
    YamlNode node = mapping.fields().get(key);
    return Fields.isNull(node) ? null : node;
  }

  /**
   * The field's node; logs "is required" on the mapping's line when absent, unless a misspelling of
   * it was already reported.
   */
  YamlNode required(String key, String hint) {
    YamlNode node = get(key);
    if (node == null && !misspelt.contains(key)) {
      YamlNode present = mapping.fields().get(key);
      fields.log().error(present != null ? present : mapping, path(key), "is required" + hint);
    }
    return node;
  }

  String path(String key) {
    return FieldPath.child(path, key);
  }

  String text(String key) {
    YamlNode node = get(key);
    return node == null ? null : fields.text(node, path(key));
  }

  Long whole(String key, long min, long max) {
    YamlNode node = get(key);
    return node == null ? null : fields.whole(node, path(key), min, max);
  }

  /** Seconds in {@code [min, max]}; see {@link Bounds} for the maxima. */
  Long seconds(String key, long min, long max) {
    YamlNode node = get(key);
    return node == null ? null : fields.seconds(node, path(key), min, max);
  }

  /** Seconds of one call (a model's answer, a tool, a request): at least 1, at most {@link Bounds#MAX_CALL_SECONDS}. */
  Integer callSeconds(String key) {
    Long value = seconds(key, 1, Bounds.MAX_CALL_SECONDS);
    return value == null ? null : value.intValue();
  }

  Integer wholeInt(String key, int min) {
    Long value = whole(key, min, Integer.MAX_VALUE);
    return value == null ? null : value.intValue();
  }

  Double number(String key, double min, double max) {
    YamlNode node = get(key);
    return node == null ? null : fields.number(node, path(key), min, max);
  }
}
