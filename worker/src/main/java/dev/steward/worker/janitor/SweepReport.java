package dev.steward.worker.janitor;

/**
 * What one sweep of the blob store did.
 *
 * @param blobs blobs listed
 * @param old blobs last written before the cutoff
 * @param referenced of those, blobs a running workflow's history still refers to (kept)
 * @param removed blobs removed
 * @param workflows running workflows whose histories were read
 * @param error why the sweep stopped before removing anything, or null
 */
public record SweepReport(long blobs, long old, long referenced, long removed, long workflows, String error) {

  static SweepReport failed(String error) {
    return new SweepReport(0, 0, 0, 0, 0, error);
  }
}
