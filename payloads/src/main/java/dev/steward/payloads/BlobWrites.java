package dev.steward.payloads;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many payload bytes this process has handed to a blob store, for the
 * {@code steward_blob_written_bytes_total} metric. A process-wide tally, so every converter counts.
 */
public final class BlobWrites {

  private static final LongAdder BYTES = new LongAdder();

  private BlobWrites() {}

  /** Counts one payload stored by reference. */
  static void record(long bytes) {
    BYTES.add(bytes);
  }

  /** Bytes written since the process started. */
  public static long bytes() {
    return BYTES.sum();
  }
}
