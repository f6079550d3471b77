package dev.steward.gateway.openai;

import dev.steward.client.AgentClient;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.RejectedException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.TurnCancel;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.spec.AgentSpec;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.update.v1.UpdateRef;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest;
import io.temporal.api.workflowservice.v1.PollWorkflowExecutionUpdateResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response's turn in Temporal terms: it is an {@code ask} update of the agent's workflow, whose
 * accepted request (the message and the response's fields) and outcome Temporal keeps durably. This
 * class starts such turns and reads them back by {@link ResponseId}; it holds no state of its own.
 */
final class AgentTurns implements AutoCloseable {

  /** How long a request waits for a worker to take its message. */
  static final Duration ADMISSION_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long a status read waits for Temporal to say whether the turn's update has an outcome. The
   * poll asks for the accepted stage, which an accepted update has reached, so it answers at once; a
   * poll for the completed stage would wait on the server, and Temporal's test server holds the
   * workflow meanwhile.
   */
  private static final Duration POLL_DEADLINE = Duration.ofSeconds(5);
  /** How long a status read waits for the agent's snapshot. */
  private static final Duration QUERY_DEADLINE = Duration.ofSeconds(3);

  private final AgentClient client;
  private final ExecutorService admissions = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "responses-admission");
    t.setDaemon(true);
    return t;
  });

  AgentTurns(AgentClient client) {
    this.client = client;
  }

  /**
   * Sends the message as an {@code ask} update and returns once the agent took it.
   *
   * @throws RejectedException when the agent refuses it (stopping, turn limit)
   * @throws StewardTimeoutException when no worker took it in time
   */
  ResponseId submit(String agentId, String text, String sender, TurnRequest.Meta meta) {
    String messageId = "oai-" + UUID.randomUUID();
    String updateId = "ask-" + messageId;
    TurnRequest request = new TurnRequest(messageId, text, sender, meta);
    UpdateOptions<TurnOutcome> options = askOptions(updateId);
    WorkflowStub stub = client.workflowClient().newUntypedWorkflowStub(agentId);
    // The SDK retries admission for as long as no worker answers; bound it.
    Future<WorkflowUpdateHandle<TurnOutcome>> admission = admissions.submit(() -> stub.startUpdate(options, request));
    WorkflowUpdateHandle<TurnOutcome> handle;
    try {
      handle = admission.get(ADMISSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      admission.cancel(true);
      throw new StewardTimeoutException("agent '" + agentId + "' did not take the message within "
          + ADMISSION_TIMEOUT.toSeconds() + " s; is a Steward worker running?", false, e);
    } catch (ExecutionException e) {
      throw rejected(agentId, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending to agent '" + agentId + "'", e);
    }
    return new ResponseId(agentId, handle.getExecution().getRunId(), updateId, 0);
  }

  /**
   * Like {@link #submit}, to a new agent: it starts with the message in its first workflow task
   * (update-with-start), one round trip sooner. Empty when the id is taken or the server lacks
   * update-with-start; nothing was started then, and the caller starts the agent and submits.
   */
  Optional<ResponseId> submitWithStart(String agentId, AgentSpec spec, String tenant, String text,
      TurnRequest.Meta meta) {
    String messageId = "oai-" + UUID.randomUUID();
    String updateId = "ask-" + messageId;
    TurnRequest request = new TurnRequest(messageId, text, null, meta);
    return client.startWithAsk(agentId, spec, tenant, askOptions(updateId), request, ADMISSION_TIMEOUT)
        .map(handle -> new ResponseId(agentId, handle.getExecution().getRunId(), updateId, 0));
  }

  private static UpdateOptions<TurnOutcome> askOptions(String updateId) {
    return UpdateOptions.newBuilder(TurnOutcome.class)
        .setUpdateName("ask")
        .setUpdateId(updateId)
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .build();
  }

  private RuntimeException rejected(String agentId, Throwable cause) {
    if (cause instanceof io.temporal.client.WorkflowUpdateException update) {
      Throwable why = update.getCause();
      String reason = why instanceof io.temporal.failure.ApplicationFailure app ? app.getOriginalMessage()
          : why == null ? update.getMessage() : why.getMessage();
      return new RejectedException(agentId, reason, cause);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.client.WorkflowNotFoundException
          || t instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return new AgentNotFoundException(agentId, cause);
      }
    }
    return cause instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(cause), cause);
  }

  /**
   * Cancels the response's turn with the agent's {@code cancelTurn} update (the agent lives on);
   * returns what the agent found: running, queued or already over.
   */
  TurnCancel.Result cancel(ResponseId id, String cancelledBy) {
    return client.cancelTurn(id.agentId(), messageId(id), cancelledBy);
  }

  /** The id of the message a response's {@code ask} update carried. */
  private static String messageId(ResponseId id) {
    return id.updateId().replaceFirst("^ask-", "");
  }

  /** Where the turn is now, without waiting for it. */
  TurnState state(ResponseId id) {
    String messageId = messageId(id);
    Optional<TurnState> over = outcome(id);
    if (over.isPresent()) {
      return over.get();
    }
    AgentSnapshot snapshot;
    try {
      snapshot = snapshot(id.agentId());
    } catch (RuntimeException e) {
      // No worker answers queries right now (restarting, say); the turn is taken and will go on.
      return TurnState.of(TurnState.Phase.RUNNING);
    }
    if (snapshot.inbox() != null && snapshot.inbox().stream().anyMatch(m -> messageId.equals(m.id()))) {
      return TurnState.of(TurnState.Phase.QUEUED);
    }
    List<PendingApproval> approvals = snapshot.pendingApprovals() == null ? List.of()
        : snapshot.pendingApprovals().stream().filter(a -> a.decision() == null && a.turn() == snapshot.turn()).toList();
    List<PendingQuestion> questions = snapshot.pendingQuestions() == null ? List.of()
        : snapshot.pendingQuestions().stream().filter(q -> q.answer() == null && q.turn() == snapshot.turn()).toList();
    if (!approvals.isEmpty() || !questions.isEmpty()) {
      // The snapshot may have been read just after the turn ended; only a turn still open waits.
      return outcome(id).orElse(TurnState.waiting(approvals, questions));
    }
    return TurnState.of(TurnState.Phase.RUNNING);
  }

  /**
   * The agent's {@code snapshot} query, bounded by {@link #QUERY_DEADLINE}: while no worker runs, a
   * query waits for one, and a status read must not.
   */
  private AgentSnapshot snapshot(String agentId) {
    QueryWorkflowResponse answer = client.workflowClient().getWorkflowServiceStubs().blockingStub()
        .withDeadlineAfter(QUERY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .queryWorkflow(QueryWorkflowRequest.newBuilder()
            .setNamespace(client.workflowClient().getOptions().getNamespace())
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(agentId))
            .setQuery(WorkflowQuery.newBuilder().setQueryType("snapshot"))
            .build());
    return client.workflowClient().getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(answer.getQueryResult()), AgentSnapshot.class, AgentSnapshot.class);
  }

  /** The turn's outcome if the update has finished; empty while it runs. */
  Optional<TurnState> outcome(ResponseId id) {
    PollWorkflowExecutionUpdateResponse polled;
    try {
      polled = client.workflowClient().getWorkflowServiceStubs().blockingStub()
          .withDeadlineAfter(POLL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .pollWorkflowExecutionUpdate(PollWorkflowExecutionUpdateRequest.newBuilder()
              .setNamespace(client.workflowClient().getOptions().getNamespace())
              .setUpdateRef(UpdateRef.newBuilder()
                  .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(id.agentId()).setRunId(id.runId()))
                  .setUpdateId(id.updateId()))
              .setWaitPolicy(WaitPolicy.newBuilder()
                  .setLifecycleStage(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED))
              .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw OpenAiException.notFound("response", id.encode());
      }
      if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return Optional.empty();
      }
      throw e;
    }
    if (!polled.hasOutcome()) {
      return Optional.empty();
    }
    if (polled.getOutcome().hasFailure()) {
      return Optional.of(TurnState.failed(polled.getOutcome().getFailure().getMessage()));
    }
    DataConverter converter = client.workflowClient().getOptions().getDataConverter();
    TurnOutcome outcome = converter.fromPayloads(0, Optional.of(polled.getOutcome().getSuccess()),
        TurnOutcome.class, TurnOutcome.class);
    return Optional.of(TurnState.done(outcome));
  }

  /** Completes when the turn's update finishes (Temporal long-polls it); bounded by {@code timeout}. */
  CompletableFuture<TurnOutcome> completion(ResponseId id, Duration timeout) {
    WorkflowStub stub = client.workflowClient()
        .newUntypedWorkflowStub(id.agentId(), Optional.of(id.runId()), Optional.empty());
    return stub.getUpdateHandle(id.updateId(), TurnOutcome.class)
        .getResultAsync(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The request that started the turn, read back from the update's accepted event in the run's
   * history, with the time the agent accepted it.
   *
   * @throws OpenAiException 404 when the run has no such update
   */
  Accepted request(ResponseId id) {
    DataConverter converter = client.workflowClient().getOptions().getDataConverter();
    List<HistoryEvent> events;
    try {
      events = client.workflowClient().fetchHistory(id.agentId(), id.runId()).getEvents();
    } catch (RuntimeException e) {
      throw OpenAiException.notFound("response", id.encode());
    }
    for (HistoryEvent event : events) {
      if (event.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
        var accepted = event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
        if (id.updateId().equals(accepted.getMeta().getUpdateId())) {
          TurnRequest request = converter.fromPayloads(0, Optional.of(accepted.getInput().getArgs()),
              TurnRequest.class, TurnRequest.class);
          return new Accepted(request, event.getEventTime().getSeconds());
        }
      }
    }
    throw OpenAiException.notFound("response", id.encode());
  }

  /** A turn's request as the agent accepted it, and when (epoch seconds). */
  record Accepted(TurnRequest request, long acceptedAt) {}

  @Override
  public void close() {
    admissions.shutdownNow();
  }
}
