package dev.steward.activities.model.stream;

import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A tiny workflow that calls the Model activity once, as the agent loop does, for activity-level tests. */
@WorkflowInterface
public interface ModelCallWorkflow {

  @WorkflowMethod
  ModelResponse call(ModelRequest request);

  /** Heartbeat timeout 10 s, retries every 1 s by default, up to 10 attempts. */
  class Impl implements ModelCallWorkflow {
    private final ModelActivities model = Workflow.newActivityStub(ModelActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(60))
        .setHeartbeatTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(1.0)
            .setMaximumAttempts(10)
            .setDoNotRetry(ModelActivities.NON_RETRYABLE_ERROR)
            .build())
        .build());

    @Override
    public ModelResponse call(ModelRequest request) {
      return model.complete(request);
    }
  }
}
