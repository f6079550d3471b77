package dev.steward.payloads;

import java.io.IOException;

/**
 * Where large payloads live while history holds their reference. Keys are content hashes, so a put
 * of the same bytes twice is harmless and a blob never changes once written.
 */
public interface BlobStore {

  /** Stores the bytes under the key; does nothing if the key is already there. */
  void put(String key, byte[] bytes) throws IOException;

  /** The bytes under the key; throws {@link java.io.FileNotFoundException} when there are none. */
  byte[] get(String key) throws IOException;

  /** A short description for error messages, e.g. the directory. */
  String describe();
}
