package dev.steward.payloads;

import java.io.IOException;
import java.time.Instant;

/**
 * Where large payloads live while history holds their reference. Keys are content hashes, so a put
 * of the same bytes twice is harmless and a blob never changes once written.
 */
public interface BlobStore {

  /**
   * Stores the bytes under the key. If the key is already there, only its last-written time moves to
   * now, so the janitor sees that the blob is in use again.
   */
  void put(String key, byte[] bytes) throws IOException;

  /** The bytes under the key; throws {@link java.io.FileNotFoundException} when there are none. */
  byte[] get(String key) throws IOException;

  /** A short description for error messages, e.g. the directory. */
  String describe();

  /** One blob as a listing shows it. */
  record Entry(String key, Instant lastWritten) {}

  /** Receives blobs one at a time from {@link #list}. */
  interface Visitor {
    void visit(Entry entry) throws IOException;
  }

  /** Every blob, in no particular order. */
  void list(Visitor visitor) throws IOException;

  /**
   * Removes the blob if it was last written before {@code cutoff}; a blob written again since is
   * kept. Returns whether it was removed.
   */
  boolean deleteIfWrittenBefore(String key, Instant cutoff) throws IOException;
}
