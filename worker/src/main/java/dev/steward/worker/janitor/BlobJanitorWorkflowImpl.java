package dev.steward.worker.janitor;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Sweeps, sleeps, and continues as new every {@value #SWEEPS_PER_RUN} sweeps so its history stays short. */
public final class BlobJanitorWorkflowImpl implements BlobJanitorWorkflow {

  static final int SWEEPS_PER_RUN = 100;

  private final BlobJanitorActivities activities = Workflow.newActivityStub(BlobJanitorActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
          .build());
  private SweepReport last;

  @Override
  public void run(long retentionSeconds, long intervalSeconds) {
    for (int i = 0; i < SWEEPS_PER_RUN; i++) {
      try {
        last = activities.sweep(retentionSeconds);
      } catch (ActivityFailure e) {
        // A sweep that failed removed nothing; the next one tries again.
        Throwable cause = e.getCause();
        last = SweepReport.failed(cause instanceof ApplicationFailure app ? app.getOriginalMessage()
            : cause == null ? e.getMessage() : cause.getMessage());
        Workflow.getLogger(BlobJanitorWorkflowImpl.class).warn("blob sweep failed: {}", last.error());
      }
      Workflow.sleep(Duration.ofSeconds(Math.max(60, intervalSeconds)));
    }
    Workflow.continueAsNew(retentionSeconds, intervalSeconds);
  }

  @Override
  public SweepReport lastSweep() {
    return last;
  }
}
