package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.steward.client.AgentClient;
import dev.steward.gateway.ApiKeys;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The OpenAI-compatible surface of the gateway: the Responses API ({@code /v1/responses}) and the
 * Conversations API ({@code /v1/conversations}) on the gateway's port, with the gRPC API's keys and
 * tenants ({@code Authorization: Bearer <key>}). Every handler blocks on Temporal, so each runs on
 * the server's blocking executor; every failure answers in OpenAI's error shape.
 */
public final class OpenAiApi implements AutoCloseable {

  private static final String BEARER = "bearer ";

  private final ApiKeys keys;
  private final AgentTurns turns;
  private final ResponsesHandler responses;
  private final ConversationsHandler conversations;

  /**
   * @param client the gateway's Temporal client
   * @param keys the gateway's API keys; none: every caller is tenant {@code default}
   * @param specs the agent spec a request's {@code model} names, if the operator registered one
   */
  public OpenAiApi(AgentClient client, ApiKeys keys, Function<String, Optional<AgentSpec>> specs) {
    this.keys = keys;
    this.turns = new AgentTurns(client);
    AgentOwnership ownership = new AgentOwnership(client);
    this.responses = new ResponsesHandler(client, new AgentSpecs(specs), turns, ownership);
    this.conversations = new ConversationsHandler(client, ownership);
  }

  /** Adds the routes to a server being built. */
  public void addTo(ServerBuilder sb) {
    sb.route().post("/v1/responses").build(handler((ctx, tenant, body) ->
        responses.create(tenant, body, ctx.blockingTaskExecutor())));
    sb.route().get("/v1/responses/{id}").build(handler((ctx, tenant, body) ->
        responses.get(tenant, ctx.pathParam("id"))));
    sb.route().post("/v1/responses/{id}/cancel").build(handler((ctx, tenant, body) ->
        responses.cancel(tenant, ctx.pathParam("id"))));
    // OpenAI endpoints Steward does not serve answer in OpenAI's shape, saying so.
    sb.route().delete("/v1/responses/{id}").build(handler((ctx, tenant, body) -> {
      throw new OpenAiException(400, OpenAiException.INVALID_REQUEST, "response_id", "unsupported",
          "Steward keeps every turn in its agent's durable history: a response cannot be deleted. Delete the"
          + " conversation (DELETE /v1/conversations/{id}) to stop its agent.");
    }));
    sb.route().get("/v1/responses/{id}/input_items").build(handler((ctx, tenant, body) -> {
      throw new OpenAiException(400, OpenAiException.INVALID_REQUEST, "response_id", "unsupported",
          "Not served by Steward: read the agent's transcript (GET /v1/conversations/{id}/items for a conversation,"
          + " or steward transcript with the agent id in the steward-agent-id header).");
    }));
    sb.route().post("/v1/conversations").build(handler((ctx, tenant, body) -> conversations.create(body)));
    sb.route().get("/v1/conversations/{id}").build(handler((ctx, tenant, body) ->
        conversations.get(tenant, ctx.pathParam("id"))));
    sb.route().delete("/v1/conversations/{id}").build(handler((ctx, tenant, body) ->
        conversations.delete(tenant, ctx.pathParam("id"))));
    sb.route().get("/v1/conversations/{id}/items").build(handler((ctx, tenant, body) ->
        conversations.items(tenant, ctx.pathParam("id"), ctx.queryParam("after"), ctx.queryParam("order"),
            ctx.queryParam("limit"))));
  }

  /** One endpoint's work, given the caller's tenant and the request's JSON body (null when it has none). */
  @FunctionalInterface
  interface Handler {
    HttpResponse handle(ServiceRequestContext ctx, String tenant, JsonNode body);
  }

  private HttpService handler(Handler handler) {
    return (ServiceRequestContext ctx, HttpRequest req) -> {
      CompletableFuture<HttpResponse> response = req.aggregate().thenApplyAsync(
          (AggregatedHttpRequest agg) -> {
            try {
              String tenant = tenant(agg.headers().get(HttpHeaderNames.AUTHORIZATION));
              return handler.handle(ctx, tenant, body(agg));
            } catch (RuntimeException e) {
              return OpenAiErrors.response(e);
            }
          }, ctx.blockingTaskExecutor());
      return HttpResponse.of(response);
    };
  }

  private String tenant(String authorization) {
    if (!keys.enabled()) {
      return AgentInput.DEFAULT_TENANT;
    }
    String key = authorization != null && authorization.length() > BEARER.length()
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? authorization.substring(BEARER.length()).strip() : null;
    return keys.tenantOf(key).orElseThrow(() -> new OpenAiException(401, OpenAiException.INVALID_REQUEST, null,
        "invalid_api_key", key == null ? "You didn't provide an API key: send 'Authorization: Bearer <key>'."
        : "Incorrect API key provided."));
  }

  private static JsonNode body(AggregatedHttpRequest req) {
    String text = req.contentUtf8();
    if (text.isBlank()) {
      return null;
    }
    try {
      return ResponseJson.JSON.readTree(text);
    } catch (IOException e) {
      throw new OpenAiException(400, OpenAiException.INVALID_REQUEST, null, null,
          "We could not parse the JSON body of your request: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  @Override
  public void close() {
    turns.close();
  }
}
