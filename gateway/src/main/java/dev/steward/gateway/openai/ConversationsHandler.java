package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import dev.steward.client.AgentClient;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/conversations}: a conversation is a durable agent with id {@code conv-<hex>}
 * ({@link ConversationId}), started by its first {@code POST /v1/responses} with
 * {@code conversation}; its items are the agent's transcript (user and assistant messages);
 * deleting it stops the agent, whose history stays inspectable in Temporal.
 */
final class ConversationsHandler {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final int PAGE = 500;

  private final AgentClient client;
  private final AgentOwnership ownership;

  ConversationsHandler(AgentClient client, AgentOwnership ownership) {
    this.client = client;
    this.ownership = ownership;
  }

  /** {@code POST /v1/conversations}. */
  HttpResponse create(JsonNode body) {
    if (body != null && body.path("items").isArray() && !body.path("items").isEmpty()) {
      throw OpenAiException.invalid("items", "not supported: send the first message with POST /v1/responses and"
          + " this conversation's id; the agent starts with it");
    }
    if (body != null && body.path("metadata").isObject() && !body.path("metadata").isEmpty()) {
      throw OpenAiException.invalid("metadata", "not supported on conversations: put metadata on its responses");
    }
    return ResponsesHandler.json(conversation(ConversationId.create(), ConversationId.nowSeconds()));
  }

  /** {@code GET /v1/conversations/{id}}. */
  HttpResponse get(String tenant, String conversationId) {
    Optional<WorkflowExecutionMetadata> agent = agent(tenant, conversationId);
    long created = agent.map(a -> a.getStartTime().getEpochSecond()).orElse(ConversationId.nowSeconds());
    return ResponsesHandler.json(conversation(conversationId, created));
  }

  /** {@code DELETE /v1/conversations/{id}}: stops the agent. */
  HttpResponse delete(String tenant, String conversationId) {
    Optional<WorkflowExecutionMetadata> agent = agent(tenant, conversationId);
    agent.ifPresent(a -> client.stop(a.getExecution().getWorkflowId(), "conversation deleted by " + tenant));
    ObjectNode deleted = ResponseJson.JSON.createObjectNode();
    deleted.put("id", conversationId);
    deleted.put("object", "conversation.deleted");
    deleted.put("deleted", true);
    return ResponsesHandler.json(deleted);
  }

  /** {@code GET /v1/conversations/{id}/items}: the transcript's messages. */
  HttpResponse items(String tenant, String conversationId, String after, String order, String limitParam) {
    int limit = limit(limitParam);
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw OpenAiException.invalid("order", "must be asc or desc");
    }
    Optional<WorkflowExecutionMetadata> agent = agent(tenant, conversationId);
    List<ObjectNode> all = new ArrayList<>();
    if (agent.isPresent()) {
      String agentId = agent.get().getExecution().getWorkflowId();
      long from = 1;
      while (from > 0) {
        TranscriptPage page = client.transcript(agentId, from, PAGE);
        page.entries().forEach(e -> item(conversationId, e).ifPresent(all::add));
        from = page.nextSeq();
      }
    }
    if (!"asc".equals(order)) {
      Collections.reverse(all);
    }
    int start = 0;
    if (after != null && !after.isBlank()) {
      start = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).path("id").asText().equals(after)) {
          start = i + 1;
        }
      }
      if (start < 0) {
        throw OpenAiException.invalid("after", "no item '" + after + "' in this conversation");
      }
    }
    List<ObjectNode> page = all.subList(start, Math.min(all.size(), start + limit));
    ObjectNode list = ResponseJson.JSON.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    page.forEach(data::add);
    list.put("has_more", start + limit < all.size());
    if (page.isEmpty()) {
      list.putNull("first_id");
      list.putNull("last_id");
    } else {
      list.put("first_id", page.get(0).path("id").asText());
      list.put("last_id", page.get(page.size() - 1).path("id").asText());
    }
    return ResponsesHandler.json(list);
  }

  /**
   * The conversation's agent if it has started; empty while it has not. 404 when the id is not a
   * conversation id or its agent is another tenant's.
   */
  private Optional<WorkflowExecutionMetadata> agent(String tenant, String conversationId) {
    String agentId = ConversationId.agentId(conversationId);
    Optional<WorkflowExecutionMetadata> mine = ownership.find(agentId, tenant);
    if (mine.isEmpty() && exists(agentId)) {
      throw OpenAiException.notFound("conversation", conversationId);
    }
    return mine;
  }

  private boolean exists(String agentId) {
    try {
      client.workflowClient().newUntypedWorkflowStub(agentId, Optional.empty(), Optional.empty()).describe();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Optional<ObjectNode> item(String conversationId, TranscriptEntry e) {
    if (e.abandoned() || e.text() == null || e.text().isBlank()) {
      return Optional.empty();
    }
    String role;
    String part;
    if (e.kind() == TranscriptEntry.Kind.USER) {
      role = "user";
      part = "input_text";
    } else if (e.kind() == TranscriptEntry.Kind.ASSISTANT && e.toolCalls().isEmpty()) {
      role = "assistant";
      part = "output_text";
    } else {
      return Optional.empty();
    }
    ObjectNode item = ResponseJson.JSON.createObjectNode();
    item.put("type", "message");
    item.put("id", "msg_" + conversationId.substring(ConversationId.PREFIX.length()) + "_" + e.seq());
    item.put("status", "completed");
    item.put("role", role);
    ObjectNode content = part.equals("output_text") ? ResponseJson.outputText(e.text())
        : ResponseJson.JSON.createObjectNode().put("type", part).put("text", e.text());
    item.putArray("content").add(content);
    return Optional.of(item);
  }

  private static ObjectNode conversation(String id, long createdAt) {
    ObjectNode c = ResponseJson.JSON.createObjectNode();
    c.put("id", id);
    c.put("object", "conversation");
    c.put("created_at", createdAt);
    c.putObject("metadata");
    return c;
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw OpenAiException.invalid("limit", "must be a number from 1 to " + MAX_LIMIT);
  }
}
