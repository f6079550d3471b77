package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.steward.client.AgentClient;
import dev.steward.client.AgentIdUnavailableException;
import dev.steward.client.RejectedException;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /v1/responses}, {@code GET /v1/responses/{id}} and {@code POST /v1/responses/{id}/cancel}
 * over durable agents: a request without {@code previous_response_id} or {@code conversation} starts a
 * one-turn agent of the spec {@code model} names; {@code previous_response_id} continues that
 * response's agent; each response is one turn, an {@code ask} update of the agent's workflow.
 */
final class ResponsesHandler {

  /** How long a plain (not background, not streamed) request waits for its turn before answering {@code in_progress}. */
  static final Duration SYNC_WAIT = Duration.ofMinutes(10);
  /** How long a stream may last. */
  static final Duration STREAM_LIMIT = Duration.ofHours(1);
  /** How long a cancel waits for the turn to end. */
  static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
  private static final long CHECK_MILLIS = 500;
  /** The response header naming the agent (workflow id) that answers a response. */
  static final String AGENT_HEADER = "steward-agent-id";

  private final AgentClient client;
  private final AgentSpecs specs;
  private final AgentTurns turns;
  private final AgentOwnership ownership;

  ResponsesHandler(AgentClient client, AgentSpecs specs, AgentTurns turns, AgentOwnership ownership) {
    this.client = client;
    this.specs = specs;
    this.turns = turns;
    this.ownership = ownership;
  }

  /** {@code POST /v1/responses}. */
  HttpResponse create(String tenant, JsonNode body, Executor blocking) {
    ResponseRequest request = ResponseRequestParser.parse(body);
    long now = System.currentTimeMillis() / 1000;
    ResponseId id;
    TurnRequest.Meta meta;
    if (request.resumesTurn()) {
      // 1. Approvals or answers: they resume the turn of previous_response_id.
      if (request.previousResponseId() == null) {
        throw OpenAiException.invalid("previous_response_id", "required with approvals and answers: the id of the"
            + " response that waits for them");
      }
      ResponseId previous = ResponseId.parse(request.previousResponseId(), "previous_response_id");
      ownership.require(previous.agentId(), tenant, "response", request.previousResponseId());
      resume(previous.agentId(), request, tenant);
      id = previous.next();
      TurnRequest.Meta first = turns.request(previous).request().openai();
      meta = new TurnRequest.Meta(first.model(), first.instructions(), request.metadata().isEmpty() ? first.metadata()
          : request.metadata(), request.previousResponseId(), first.conversation(), request.background(),
          first.store(), first.tools(), now);
    } else {
      // 2. A new message: to the agent of previous_response_id or conversation, else to a new agent.
      String agentId;
      String model;
      String conversation = request.conversation();
      if (request.previousResponseId() != null) {
        ResponseId previous = ResponseId.parse(request.previousResponseId(), "previous_response_id");
        WorkflowExecutionMetadata execution =
            ownership.require(previous.agentId(), tenant, "response", request.previousResponseId());
        agentId = previous.agentId();
        model = checkContinuation(agentId, request, execution);
        conversation = ConversationId.of(agentId);
      } else if (conversation != null) {
        agentId = ConversationId.agentId(conversation);
        Optional<WorkflowExecutionMetadata> execution = ownership.find(agentId, tenant);
        if (execution.isPresent()) {
          model = checkContinuation(agentId, request, execution.get());
        } else {
          model = startAgent(agentId, request, tenant);
        }
      } else {
        agentId = null;
        model = null;
      }
      AgentSpec fresh = null;
      if (agentId == null) {
        fresh = AgentSpecs.forNewAgent(specs.named(request.model()), request);
        agentId = AgentClient.agentIdFor(null, fresh);
        model = request.model().strip();
      }
      meta = new TurnRequest.Meta(model, request.instructions(), request.metadata(), request.previousResponseId(),
          conversation, request.background(), request.store(), request.tools(), now);
      // A new agent starts with its first message (update-with-start), one round trip sooner.
      id = fresh == null ? null : turns.submitWithStart(agentId, fresh, tenant, request.text(), meta).orElse(null);
      if (id == null) {
        if (fresh != null) {
          client.start(agentId, fresh, tenant);
        }
        id = turns.submit(agentId, request.text(), null, meta);
      }
    }
    return respond(id, meta, request, blocking);
  }

  /** Starts a conversation's agent with its first response; its model names the spec. */
  private String startAgent(String agentId, ResponseRequest request, String tenant) {
    AgentSpec spec = AgentSpecs.forNewAgent(specs.named(request.model()), request);
    try {
      client.start(agentId, spec, tenant);
    } catch (AgentIdUnavailableException e) {
      throw OpenAiException.notFound("conversation", request.conversation());
    }
    return request.model().strip();
  }

  /**
   * A request to an existing agent may restate, not change, what the agent was started with.
   * Returns the model (spec name) the response reports: the request's, else the agent's.
   */
  private String checkContinuation(String agentId, ResponseRequest request, WorkflowExecutionMetadata execution) {
    if (request.extraInstructions() != null) {
      throw OpenAiException.invalid("input", "system and developer messages set a new agent's instructions; this"
          + " agent has its own");
    }
    if (request.model() == null && request.instructions() == null && request.tools() == null) {
      return agentName(execution);
    }
    AgentSpec spec = client.snapshot(agentId).spec();
    if (request.model() != null && !specs.named(request.model()).name().equals(spec.name())) {
      throw OpenAiException.invalid("model", "this conversation's agent runs the spec '" + spec.name() + "'; start a"
          + " new conversation for another one");
    }
    if (request.instructions() != null && !spec.instructions().startsWith(request.instructions())) {
      throw OpenAiException.invalid("instructions", "an agent keeps the instructions it was started with; start a new"
          + " conversation for other ones");
    }
    if (request.tools() != null) {
      AgentSpecs.checkTools(spec, request.tools());
    }
    return request.model() == null ? spec.name() : request.model().strip();
  }

  /**
   * The agent's spec name, from its search attribute, else its memo (agents started before the memo
   * was dropped); Temporal answers both without a worker.
   */
  private static String agentName(WorkflowExecutionMetadata execution) {
    try {
      String name = execution.getTypedSearchAttributes().get(SearchAttributeNames.AGENT_NAME);
      if (name == null) {
        name = execution.getMemo(AgentClient.MEMO_NAME, String.class, String.class);
      }
      return name == null ? "" : name;
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Passes approvals and answers to the agent. */
  private void resume(String agentId, ResponseRequest request, String tenant) {
    for (int i = 0; i < request.approvals().size(); i++) {
      ResponseRequest.Approval a = request.approvals().get(i);
      try {
        client.decide(agentId, new Decision(a.approvalRequestId(), a.approve(), a.reason(), tenant));
      } catch (RejectedException e) {
        throw OpenAiException.invalid("input[" + i + "].approval_request_id", e.getMessage());
      }
    }
    for (int i = 0; i < request.answers().size(); i++) {
      ResponseRequest.QuestionAnswer a = request.answers().get(i);
      try {
        client.answer(agentId, new Answer(a.callId(), a.output(), tenant));
      } catch (RejectedException e) {
        throw OpenAiException.invalid("input[" + i + "].call_id", e.getMessage());
      }
    }
  }

  private HttpResponse respond(ResponseId id, TurnRequest.Meta meta, ResponseRequest request, Executor blocking) {
    if (request.stream()) {
      HttpResponseWriter writer = HttpResponse.streaming();
      blocking.execute(() -> {
        new ResponseStream(client, turns, id, state -> ResponseJson.response(id, meta, meta.createdAt(), state),
            writer, STREAM_LIMIT).run();
        stopIfNotStored(id, meta);
      });
      return writer;
    }
    TurnState state = request.background() ? turns.state(id) : await(id);
    stopIfNotStored(id, meta);
    return json(ResponseJson.response(id, meta, meta.createdAt(), state), id.agentId());
  }

  /** {@code store: false}: the agent ends with its one turn, once that turn is over. */
  private void stopIfNotStored(ResponseId id, TurnRequest.Meta meta) {
    if (!meta.store() && turns.outcome(id).isPresent()) {
      client.stop(id.agentId(), "store: false (one response only)");
    }
  }

  /** Waits until the turn ends or waits for a person; after {@link #SYNC_WAIT}, answers it as running. */
  private TurnState await(ResponseId id) {
    long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
    CompletableFuture<TurnOutcome> completion = turns.completion(id, SYNC_WAIT);
    int checks = 0;
    while (System.nanoTime() < deadline) {
      try {
        return TurnState.done(completion.get(CHECK_MILLIS, TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        // Every other check, look for a pending approval or question of the turn.
        if (++checks % 2 == 0) {
          TurnState state = turns.state(id);
          if (state.settled()) {
            return state;
          }
        }
      } catch (ExecutionException e) {
        TurnState state = turns.state(id);
        if (state.settled()) {
          return state;
        }
        completion = turns.completion(id, SYNC_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return turns.state(id);
  }

  /** {@code GET /v1/responses/{id}}. */
  HttpResponse get(String tenant, String responseId) {
    ResponseId id = ResponseId.parse(responseId, "response_id");
    ownership.require(id.agentId(), tenant, "response", responseId);
    return json(read(id), id.agentId());
  }

  private ObjectNode read(ResponseId id) {
    AgentTurns.Accepted accepted = turns.request(id);
    TurnRequest.Meta meta = accepted.request().openai();
    if (meta == null) {
      throw OpenAiException.notFound("response", id.encode());
    }
    return ResponseJson.response(id, meta, meta.createdAt(), turns.state(id));
  }

  /**
   * {@code POST /v1/responses/{id}/cancel}: cancels the response's turn, not its agent (the agent's
   * {@code cancelTurn} update). A running turn ends {@code cancelled} at the next step boundary (a wait
   * for an approval or an answer ends at once), a queued one never runs; the conversation goes on with
   * the next request. A finished response is returned as it is.
   */
  HttpResponse cancel(String tenant, String responseId) {
    ResponseId id = ResponseId.parse(responseId, "response_id");
    ownership.require(id.agentId(), tenant, "response", responseId);
    Optional<TurnState> over = turns.outcome(id);
    if (over.isEmpty()) {
      turns.cancel(id, tenant);
      try {
        turns.completion(id, CANCEL_WAIT).get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Still finishing its step: the response reads in_progress until it has.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return json(read(id), id.agentId());
  }

  static HttpResponse json(ObjectNode body) {
    return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.toString());
  }

  /** A response object, with the agent behind it named in {@value #AGENT_HEADER} (for {@code steward show}). */
  static HttpResponse json(ObjectNode body, String agentId) {
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
        .add(AGENT_HEADER, agentId).build(), HttpData.ofUtf8(body.toString()));
  }
}
