package dev.steward.payloads;

import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and the id that payloads encrypted with it carry in their metadata.
 *
 * @param id short, stable and not secret, e.g. {@code 2026-12}; letters, digits, {@code . _ -}
 * @param key 32 bytes
 */
public record EncryptionKey(String id, SecretKey key) {

  public EncryptionKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    if (key.getEncoded() == null || key.getEncoded().length != 32) {
      throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256)");
    }
  }

  /** A key from its 32 raw bytes. */
  public static EncryptionKey of(String id, byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), got " + bytes.length);
    }
    return new EncryptionKey(id, new SecretKeySpec(bytes, "AES"));
  }

  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
