package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.model.TokenUsage;

/**
 * Writes OpenAI's response object for a turn. Statuses: {@code queued} while the message waits in
 * the inbox, {@code in_progress} while the turn runs, {@code incomplete} while it waits for a person
 * (the pending tool calls as {@code mcp_approval_request} items, the agent's questions as
 * {@code function_call} items named {@code ask_human}), then {@code completed}, {@code failed}
 * (model failure, limit) or {@code cancelled} (agent stopped, turn interrupted or cancelled by {@code cancelTurn}).
 */
final class ResponseJson {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The {@code server_label} of approval requests: the tools are the agent's own, not an MCP server's. */
  static final String SERVER_LABEL = "steward";
  /** The function name under which questions to a person appear. */
  static final String ASK_HUMAN = "ask_human";

  private ResponseJson() {}

  /** The response object. */
  static ObjectNode response(ResponseId id, TurnRequest.Meta meta, long createdAt, TurnState state) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", id.encode());
    r.put("object", "response");
    r.put("created_at", createdAt);
    r.put("status", status(state));
    r.put("background", meta.background());
    r.putNull("error");
    r.putNull("incomplete_details");
    if (meta.instructions() == null) {
      r.putNull("instructions");
    } else {
      r.put("instructions", meta.instructions());
    }
    r.putNull("max_output_tokens");
    r.put("model", meta.model());
    ArrayNode output = r.putArray("output");
    r.put("parallel_tool_calls", true);
    if (meta.previousResponseId() == null) {
      r.putNull("previous_response_id");
    } else {
      r.put("previous_response_id", meta.previousResponseId());
    }
    if (meta.conversation() == null) {
      r.putNull("conversation");
    } else {
      r.putObject("conversation").put("id", meta.conversation());
    }
    ObjectNode metadata = r.putObject("metadata");
    meta.metadata().forEach(metadata::put);
    r.put("store", meta.store());
    r.putNull("temperature");
    r.put("tool_choice", "auto");
    ArrayNode tools = r.putArray("tools");
    if (meta.tools() != null) {
      meta.tools().forEach(name -> tools.addObject().put("type", "function").put("name", name)
          .putNull("parameters").putNull("strict"));
    }
    r.putNull("top_p");
    r.putObject("text").putObject("format").put("type", "text");
    r.put("truncation", "disabled");
    switch (state.phase()) {
      case DONE -> done(r, id, state.outcome(), output);
      case FAILED -> r.putObject("error").put("code", "server_error").put("message", state.failure());
      case WAITING -> {
        r.putObject("incomplete_details");
        state.approvals().forEach(a -> output.add(approvalRequest(a)));
        state.questions().forEach(q -> output.add(question(q)));
      }
      default -> { }
    }
    return r;
  }

  private static void done(ObjectNode r, ResponseId id, TurnOutcome outcome, ArrayNode output) {
    if (outcome.completed()) {
      output.add(message(id, outcome.reply(), "completed"));
    } else if (outcome.status() == TurnOutcome.Status.FAILED || outcome.status() == TurnOutcome.Status.LIMIT_REACHED) {
      r.putObject("error").put("code", "server_error").put("message", String.valueOf(outcome.error()));
    }
    r.set("usage", usage(outcome.usage()));
  }

  static String status(TurnState state) {
    return switch (state.phase()) {
      case QUEUED -> "queued";
      case RUNNING -> "in_progress";
      case WAITING -> "incomplete";
      case FAILED -> "failed";
      case DONE -> switch (state.outcome().status()) {
        case COMPLETED -> "completed";
        case FAILED, LIMIT_REACHED -> "failed";
        case STOPPED, INTERRUPTED -> "cancelled";
      };
    };
  }

  /** The assistant's message item. */
  static ObjectNode message(ResponseId id, String text, String status) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", messageId(id));
    m.put("type", "message");
    m.put("role", "assistant");
    m.put("status", status);
    m.putArray("content").add(outputText(text));
    return m;
  }

  /** An {@code output_text} content part. */
  static ObjectNode outputText(String text) {
    ObjectNode part = JSON.createObjectNode();
    part.put("type", "output_text");
    part.put("text", text == null ? "" : text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  /** The id of a turn's reply message, the same on every read. */
  static String messageId(ResponseId id) {
    return "msg_" + id.updateId().replaceFirst("^ask-oai-", "").replace("-", "");
  }

  static ObjectNode approvalRequest(PendingApproval a) {
    ObjectNode item = JSON.createObjectNode();
    item.put("type", "mcp_approval_request");
    item.put("id", a.callId());
    item.put("server_label", SERVER_LABEL);
    item.put("name", a.tool());
    item.put("arguments", a.arguments() == null ? "{}" : a.arguments());
    return item;
  }

  static ObjectNode question(PendingQuestion q) {
    ObjectNode item = JSON.createObjectNode();
    item.put("type", "function_call");
    item.put("id", "fc_" + q.questionId());
    item.put("call_id", q.questionId());
    item.put("name", ASK_HUMAN);
    ObjectNode args = JSON.createObjectNode().put("question", q.question());
    if (q.defaultAnswer() != null) {
      args.put("default_answer", q.defaultAnswer());
    }
    item.put("arguments", args.toString());
    item.put("status", "in_progress");
    return item;
  }

  /**
   * OpenAI's usage from Steward's metering: cached tokens are the prompt-cache hits the providers
   * reported. Steward does not meter cache writes or reasoning tokens separately: those stay 0.
   */
  static ObjectNode usage(TokenUsage used) {
    TokenUsage u = used == null ? TokenUsage.ZERO : used;
    ObjectNode usage = JSON.createObjectNode();
    usage.put("input_tokens", u.inputTokens());
    usage.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens()).put("cache_write_tokens", 0);
    usage.put("output_tokens", u.outputTokens());
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", u.totalTokens());
    return usage;
  }
}
