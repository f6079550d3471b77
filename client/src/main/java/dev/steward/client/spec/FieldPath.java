package dev.steward.client.spec;

/** Field paths as people read them: {@code model.provider}, {@code tools[1].allow_hosts}. */
final class FieldPath {

  private FieldPath() {}

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Lists count from 0, like JSON paths. */
  static String index(String path, int index) {
    return path + "[" + index + "]";
  }

  static String orNull(String path) {
    return path.isEmpty() ? null : path;
  }
}
