package dev.steward.worker.janitor;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The durable janitor of the blob store: sweeps it now and then, removing blobs that no running
 * workflow's history refers to and that nobody wrote for the retention period. Runs forever (as a
 * chain of runs); one per namespace, id {@value #ID}.
 */
@WorkflowInterface
public interface BlobJanitorWorkflow {

  /** The workflow type, stable for other clients. */
  String TYPE = "StewardBlobJanitor";
  /** The one janitor's workflow id. */
  String ID = "steward-blob-janitor";

  /**
   * @param retentionSeconds how long a blob that nothing running refers to is kept after it was last written
   * @param intervalSeconds time between sweeps
   */
  @WorkflowMethod(name = TYPE)
  void run(long retentionSeconds, long intervalSeconds);

  /** What the latest sweep did; null before the first. */
  @QueryMethod(name = "lastSweep")
  SweepReport lastSweep();
}
