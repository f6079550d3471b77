package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponseWriter;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.steward.client.AgentClient;
import dev.steward.workflows.agent.TurnOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One {@code stream: true} response: OpenAI's server-sent events for a turn, numbered by
 * {@code sequence_number}. The text deltas come from the same partial-output path as {@code Watch}
 * (the running model call's heartbeat, {@link AgentClient#partialReply}); the end comes from the
 * turn's {@code ask} update. Runs on a blocking thread and ends when the turn ends, waits for a
 * person ({@code response.incomplete}) or the client goes away.
 */
final class ResponseStream {

  /** How often the running model call's text is read, in milliseconds. */
  static final long POLL_MILLIS = 200;
  /** How many polls pass between checks for a pending approval or question. */
  private static final int WAIT_CHECK_EVERY = 5;

  private final AgentClient client;
  private final AgentTurns turns;
  private final ResponseId id;
  private final Function<TurnState, ObjectNode> render;
  private final HttpResponseWriter out;
  private final Duration limit;
  private int seq;
  private boolean itemOpen;
  private String sent = "";

  /**
   * @param render the response object for a state of the turn
   * @param limit how long the stream may last before it ends with the turn still {@code in_progress}
   */
  ResponseStream(AgentClient client, AgentTurns turns, ResponseId id, Function<TurnState, ObjectNode> render,
      HttpResponseWriter out, Duration limit) {
    this.client = client;
    this.turns = turns;
    this.id = id;
    this.render = render;
    this.out = out;
    this.limit = limit;
  }

  /** Writes the whole stream; returns when it is over. */
  void run() {
    out.write(ResponseHeaders.builder(HttpStatus.OK)
        .contentType(MediaType.EVENT_STREAM)
        .add(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .add(ResponsesHandler.AGENT_HEADER, id.agentId())
        .build());
    try {
      TurnState state = turns.state(id);
      emit("response.created", withResponse(render.apply(state)));
      emit("response.in_progress", withResponse(render.apply(state.settled() ? TurnState.of(TurnState.Phase.RUNNING)
          : state)));
      if (!state.settled()) {
        state = follow();
      }
      finish(state);
    } catch (RuntimeException e) {
      ObjectNode error = ResponseJson.JSON.createObjectNode();
      OpenAiException failure = OpenAiErrors.of(e);
      error.put("code", failure.code()).put("message", failure.getMessage()).putNull("param");
      emit("error", error);
    } finally {
      out.close();
    }
  }

  /** Streams the model's text until the turn settles (or the client leaves, or time runs out). */
  private TurnState follow() {
    CompletableFuture<TurnOutcome> completion = turns.completion(id, limit);
    long deadline = System.nanoTime() + limit.toNanos();
    for (int poll = 1; out.isOpen() && System.nanoTime() < deadline; poll++) {
      try {
        TurnOutcome outcome = completion.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        return TurnState.done(outcome);
      } catch (TimeoutException e) {
        streamPartial();
      } catch (ExecutionException e) {
        // The long poll gave up (its own timeout) or failed: read the state directly.
        TurnState state = turns.state(id);
        if (state.settled()) {
          return state;
        }
        completion = turns.completion(id, limit);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (poll % WAIT_CHECK_EVERY == 0) {
        TurnState state = turns.state(id);
        if (state.settled()) {
          return state;
        }
      }
    }
    return turns.state(id);
  }

  private void streamPartial() {
    String now;
    try {
      now = client.partialReply(id.agentId()).orElse("");
    } catch (RuntimeException e) {
      return;
    }
    // Only text that extends what was sent can be streamed; a model call that starts over (a
    // further step of the turn) shows up whole in the final text.
    if (now.length() > sent.length() && now.startsWith(sent)) {
      openItem();
      delta(now.substring(sent.length()));
      sent = now;
    }
  }

  private void openItem() {
    if (itemOpen) {
      return;
    }
    itemOpen = true;
    ObjectNode item = ResponseJson.message(id, "", "in_progress");
    item.putArray("content");
    emit("response.output_item.added", ResponseJson.JSON.createObjectNode().put("output_index", 0).set("item", item));
    emit("response.content_part.added", part().set("part", ResponseJson.outputText("")));
  }

  private void delta(String text) {
    ObjectNode event = part().put("delta", text);
    event.putArray("logprobs");
    emit("response.output_text.delta", event);
  }

  private ObjectNode part() {
    return ResponseJson.JSON.createObjectNode()
        .put("item_id", ResponseJson.messageId(id)).put("output_index", 0).put("content_index", 0);
  }

  private void finish(TurnState state) {
    ObjectNode response = render.apply(state);
    boolean completed = state.phase() == TurnState.Phase.DONE && state.outcome().completed();
    if (completed) {
      String text = state.outcome().reply() == null ? "" : state.outcome().reply();
      openItem();
      if (text.startsWith(sent) && text.length() > sent.length()) {
        delta(text.substring(sent.length()));
      }
      closeItem(text, "completed");
      emit("response.completed", withResponse(response));
      return;
    }
    if (itemOpen) {
      closeItem(sent, "incomplete");
    }
    int index = itemOpen ? 1 : 0;
    for (var item : response.path("output")) {
      if (item.path("type").asText().equals("message")) {
        continue;
      }
      emit("response.output_item.added", ResponseJson.JSON.createObjectNode().put("output_index", index)
          .set("item", item));
      emit("response.output_item.done", ResponseJson.JSON.createObjectNode().put("output_index", index)
          .set("item", item));
      index++;
    }
    String type = switch (ResponseJson.status(state)) {
      case "failed" -> "response.failed";
      case "incomplete", "cancelled" -> "response.incomplete";
      default -> "response.in_progress";
    };
    emit(type, withResponse(response));
  }

  private void closeItem(String text, String status) {
    ObjectNode done = part().put("text", text);
    done.putArray("logprobs");
    emit("response.output_text.done", done);
    emit("response.content_part.done", part().set("part", ResponseJson.outputText(text)));
    emit("response.output_item.done", ResponseJson.JSON.createObjectNode().put("output_index", 0)
        .set("item", ResponseJson.message(id, text, status)));
  }

  private static ObjectNode withResponse(ObjectNode response) {
    ObjectNode event = ResponseJson.JSON.createObjectNode();
    event.set("response", response);
    return event;
  }

  private void emit(String type, ObjectNode event) {
    ObjectNode body = ResponseJson.JSON.createObjectNode().put("type", type);
    body.setAll(event);
    body.put("sequence_number", seq++);
    out.tryWrite(HttpData.ofUtf8("event: " + type + "\ndata: " + body + "\n\n"));
  }
}
