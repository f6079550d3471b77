package dev.steward.client;

import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether the agent had accepted an update whose call ran out of time: the caller's wait and
 * the update are then separate things, and only the server knows whether the message was taken.
 */
final class UpdateAcceptance {

  private static final UpdateWorkflowExecutionLifecycleStage ACCEPTED =
      UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;

  private UpdateAcceptance() {}

  /**
   * Asks the server, for at most {@code budget}, whether update {@code updateId} of the workflow
   * reached the accepted stage. An update the server does not know, one still waiting for a worker
   * when the budget ends, or no answer at all count as not accepted.
   */
  static boolean accepted(WorkflowClient client, String workflowId, String updateId, Duration budget) {
    PollWorkflowExecutionUpdateRequest request = PollWorkflowExecutionUpdateRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setIdentity(client.getOptions().getIdentity())
        .setUpdateRef(UpdateRef.newBuilder()
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .setUpdateId(updateId))
        // Returns at once for an accepted (or completed) update; waits for one not yet accepted.
        .setWaitPolicy(WaitPolicy.newBuilder().setLifecycleStage(ACCEPTED))
        .build();
    try {
      return client.getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS)
          .pollWorkflowExecutionUpdate(request)
          .getStage().getNumber() >= ACCEPTED.getNumber();
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /**
   * Reads the workflow's history, for at most {@code budget}, for the acceptance of update {@code
   * updateId}: the truthful check for an update that came with the workflow's start, which a poll for
   * the update's stage does not find on every server (the Java test server). A workflow that does not
   * exist, a history without the acceptance, or no answer within the budget count as not accepted.
   */
  static boolean acceptedInHistory(WorkflowClient client, String workflowId, String updateId, Duration budget) {
    Deadline deadline = Deadline.after(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
    GetWorkflowExecutionHistoryRequest.Builder request = GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId));
    try {
      do {
        GetWorkflowExecutionHistoryResponse page = client.getWorkflowServiceStubs().blockingStub()
            .withDeadline(deadline)
            .getWorkflowExecutionHistory(request.build());
        for (HistoryEvent event : page.getHistory().getEventsList()) {
          if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED
              && updateId.equals(event.getWorkflowExecutionUpdateAcceptedEventAttributes()
                  .getAcceptedRequest().getMeta().getUpdateId())) {
            return true;
          }
        }
        request.setNextPageToken(page.getNextPageToken());
      } while (!request.getNextPageToken().isEmpty());
      return false;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }
}
