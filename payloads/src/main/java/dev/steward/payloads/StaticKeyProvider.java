package dev.steward.payloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fixed list of keys, newest first: the first encrypts, all of them decrypt. To rotate, put a new
 * key first and keep the old ones while any agent's history may still hold payloads written with
 * them.
 *
 * <p>Text form (the value of {@code STEWARD_ENCRYPTION_KEYS}, or the lines of the file named by
 * {@code STEWARD_ENCRYPTION_KEYS_FILE}): {@code id:base64,id:base64}, each key 32 random bytes in
 * base64, e.g. from {@code openssl rand -base64 32}. In a file, entries may also be one per line, and
 * lines starting with {@code #} are comments.
 */
public final class StaticKeyProvider implements KeyProvider {

  public static final String KEYS_VARIABLE = "STEWARD_ENCRYPTION_KEYS";
  public static final String KEYS_FILE_VARIABLE = "STEWARD_ENCRYPTION_KEYS_FILE";

  private final List<EncryptionKey> keys;
  private final Map<String, EncryptionKey> byId = new LinkedHashMap<>();
  private final String source;

  public StaticKeyProvider(List<EncryptionKey> keys, String source) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(source + ": no keys");
    }
    this.keys = List.copyOf(keys);
    for (EncryptionKey k : keys) {
      if (byId.put(k.id(), k) != null) {
        throw new IllegalArgumentException(source + ": key id '" + k.id() + "' is listed twice");
      }
    }
    this.source = source;
  }

  /**
   * The keys this environment names, or empty when encryption is off (neither variable set).
   *
   * @throws IllegalArgumentException naming the variable when a key is malformed or the file unreadable
   */
  public static Optional<KeyProvider> fromEnvironment(Map<String, String> env) {
    String inline = env.get(KEYS_VARIABLE);
    String file = env.get(KEYS_FILE_VARIABLE);
    if (inline != null && !inline.isBlank()) {
      return Optional.of(new StaticKeyProvider(parse(inline, KEYS_VARIABLE), KEYS_VARIABLE));
    }
    if (file != null && !file.isBlank()) {
      String text;
      try {
        text = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException(KEYS_FILE_VARIABLE + ": cannot read " + file.trim() + ": " + e.getMessage());
      }
      String where = KEYS_FILE_VARIABLE + " (" + file.trim() + ")";
      return Optional.of(new StaticKeyProvider(parse(text, where), where));
    }
    return Optional.empty();
  }

  static List<EncryptionKey> parse(String text, String where) {
    List<EncryptionKey> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (line.strip().startsWith("#")) {
        continue;
      }
      for (String entry : line.split(",")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        int colon = e.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(where + ": expected id:base64-key, got an entry without an id");
        }
        String id = e.substring(0, colon).strip();
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(e.substring(colon + 1).strip());
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(where + ": key '" + id + "' is not base64");
        }
        try {
          out.add(EncryptionKey.of(id, bytes));
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(where + ": " + bad.getMessage());
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(where + ": no keys; expected id:base64-key[,id:base64-key...]");
    }
    return out;
  }

  @Override
  public EncryptionKey current() {
    return keys.get(0);
  }

  @Override
  public Optional<EncryptionKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public String describe() {
    return source + " (keys " + String.join(", ", byId.keySet()) + "; " + current().id() + " encrypts)";
  }
}
