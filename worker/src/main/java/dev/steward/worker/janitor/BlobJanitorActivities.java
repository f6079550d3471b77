package dev.steward.worker.janitor;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The janitor's one step: a sweep of the blob store. */
@ActivityInterface
public interface BlobJanitorActivities {

  /** Removes blobs last written more than {@code retentionSeconds} ago that no running workflow refers to. */
  @ActivityMethod(name = "SweepBlobs")
  SweepReport sweep(long retentionSeconds);
}
