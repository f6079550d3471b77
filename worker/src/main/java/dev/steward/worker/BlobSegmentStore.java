package dev.steward.worker;

import dev.steward.payloads.SealedBlobs;
import dev.steward.workflows.memory.SegmentStore;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Transcript segments in this process's blob store ({@code STEWARD_BLOBS}), encrypted when keys are
 * set. The store is opened on first use, so a process that never meets a segment needs none.
 */
public final class BlobSegmentStore implements SegmentStore {

  private final Supplier<SealedBlobs> open;
  private SealedBlobs blobs;

  public BlobSegmentStore(Supplier<SealedBlobs> open) {
    this.open = open;
  }

  /** The store this process's environment names. */
  public static BlobSegmentStore fromEnvironment(Map<String, String> env) {
    return new BlobSegmentStore(() -> SealedBlobs.fromEnvironment(env));
  }

  private synchronized SealedBlobs blobs() {
    if (blobs == null) {
      blobs = open.get();
    }
    return blobs;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    blobs().put(key, bytes);
  }

  @Override
  public byte[] get(String key) throws IOException {
    return blobs().get(key);
  }

  @Override
  public String describe() {
    return blobs().describe();
  }
}
