package dev.steward.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records a turn writes into the history (the update's message and outcome, the model and tool
 * activities' inputs and results) leave their defaults out and read back equal; the same records as
 * older releases wrote them, defaults and agent id included, still read.
 */
class PerTurnPayloadsTest {

  private static final ToolCall CALL = new ToolCall("c1", "current_time", "{}");

  @Test
  void theModelInputLeavesOutTheAgentAndModelIndexZero() {
    ModelRequest request = ModelRequest.byReference(3, 1, 12, "ab12", 0);

    assertThat(json(request)).isEqualTo("{\"turn\":3,\"step\":1,\"contextSeq\":12,\"toolsRef\":\"ab12\"}");
    assertThat(roundTrip(request, ModelRequest.class)).isEqualTo(request);
    assertThat(json(ModelRequest.byReference(3, 2, 12, "ab12", 1))).contains("\"modelIndex\":1");
  }

  @Test
  void theToolInputLeavesOutTheAgentAndEmptyOptionsAndCarriesTheTurn() {
    ToolInvocation invocation = new ToolInvocation(null, "c1", "current_time", "{}", Map.of(), "run-1", 4);

    assertThat(json(invocation)).isEqualTo(
        "{\"callId\":\"c1\",\"toolName\":\"current_time\",\"arguments\":\"{}\",\"incarnation\":\"run-1\",\"turn\":4}");
    assertThat(roundTrip(invocation, ToolInvocation.class)).isEqualTo(invocation);
    ToolInvocation withOptions = new ToolInvocation(null, "c2", "http_get", "{}", Map.of("max_bytes", 10), "run-1", 4);
    assertThat(roundTrip(withOptions, ToolInvocation.class)).isEqualTo(withOptions);
  }

  @Test
  void resultsAndTheOutcomeLeaveOutEmptyTextNoCallsNoCacheNoErrorAndNoCost() {
    ModelResponse calls = new ModelResponse("", List.of(CALL), new TokenUsage(20, 5));
    ModelResponse reply = new ModelResponse("the time is now", List.of(), new TokenUsage(30, 6));
    TurnOutcome outcome = new TurnOutcome(2, TurnOutcome.Status.COMPLETED, "the time is now", null,
        new TokenUsage(50, 11), 0);

    assertThat(json(calls)).isEqualTo("{\"toolCalls\":[{\"id\":\"c1\",\"name\":\"current_time\",\"arguments\":\"{}\"}],"
        + "\"usage\":{\"inputTokens\":20,\"outputTokens\":5}}");
    assertThat(json(reply)).isEqualTo("{\"text\":\"the time is now\",\"usage\":{\"inputTokens\":30,\"outputTokens\":6}}");
    assertThat(json(ToolResult.ok("{}"))).isEqualTo("{\"content\":\"{}\"}");
    assertThat(json(outcome)).isEqualTo("{\"turn\":2,\"status\":\"COMPLETED\",\"reply\":\"the time is now\","
        + "\"usage\":{\"inputTokens\":50,\"outputTokens\":11}}");
    assertThat(roundTrip(calls, ModelResponse.class)).isEqualTo(calls);
    assertThat(roundTrip(reply, ModelResponse.class)).isEqualTo(reply);
    assertThat(roundTrip(ToolResult.ok("{}"), ToolResult.class)).isEqualTo(ToolResult.ok("{}"));
    assertThat(roundTrip(outcome, TurnOutcome.class)).isEqualTo(outcome);
  }

  @Test
  void whatIsNotADefaultStaysIn() {
    TurnOutcome failed = new TurnOutcome(2, TurnOutcome.Status.FAILED, "", "the model is down",
        new TokenUsage(50, 11, 40), 0.25);

    assertThat(json(failed)).contains("\"error\":\"the model is down\"", "\"cachedInputTokens\":40", "\"costUsd\":0.25");
    assertThat(roundTrip(failed, TurnOutcome.class)).isEqualTo(failed);
    assertThat(json(ToolResult.error("bad"))).contains("\"error\":true");
    assertThat(roundTrip(ToolResult.error("bad"), ToolResult.class)).isEqualTo(ToolResult.error("bad"));
  }

  @Test
  void aMessageLeavesOutItsNulls() {
    UserMessage message = UserMessage.of("use the tool please");
    UserMessage full = new UserMessage("m-1", "hi", "ada", "agent-b");

    assertThat(json(message)).isEqualTo("{\"text\":\"use the tool please\"}");
    assertThat(roundTrip(message, UserMessage.class)).isEqualTo(message);
    assertThat(roundTrip(full, UserMessage.class)).isEqualTo(full);
  }

  @Test
  void payloadsOfOlderReleasesWithTheirDefaultsStillRead() {
    assertThat(read("{\"agentId\":\"agent-a\",\"turn\":3,\"step\":1,\"contextSeq\":12,\"toolsRef\":\"ab12\","
        + "\"modelIndex\":0}", ModelRequest.class))
        .isEqualTo(ModelRequest.byReference("agent-a", 3, 1, 12, "ab12", 0));
    assertThat(read("{\"agentId\":\"agent-a\",\"callId\":\"c1\",\"toolName\":\"current_time\",\"arguments\":\"{}\","
        + "\"options\":{},\"incarnation\":\"run-1\"}", ToolInvocation.class))
        .isEqualTo(new ToolInvocation("agent-a", "c1", "current_time", "{}", Map.of(), "run-1", 0));
    assertThat(read("{\"text\":\"\",\"toolCalls\":[{\"id\":\"c1\",\"name\":\"current_time\",\"arguments\":\"{}\"}],"
        + "\"usage\":{\"inputTokens\":20,\"outputTokens\":5,\"cachedInputTokens\":0}}", ModelResponse.class))
        .isEqualTo(new ModelResponse("", List.of(CALL), new TokenUsage(20, 5)));
    assertThat(read("{\"content\":\"{}\",\"error\":false}", ToolResult.class)).isEqualTo(ToolResult.ok("{}"));
    assertThat(read("{\"turn\":2,\"status\":\"COMPLETED\",\"reply\":\"ok\",\"error\":null,"
        + "\"usage\":{\"inputTokens\":50,\"outputTokens\":11,\"cachedInputTokens\":0},\"costUsd\":0.0}", TurnOutcome.class))
        .isEqualTo(new TurnOutcome(2, TurnOutcome.Status.COMPLETED, "ok", null, new TokenUsage(50, 11), 0));
    assertThat(read("{\"id\":null,\"text\":\"hi\",\"sender\":null,\"replyTo\":null}", UserMessage.class))
        .isEqualTo(UserMessage.of("hi"));
  }

  @Test
  void absentListsAndTextReadBackEmptyNeverNull() {
    ModelResponse calls = read("{\"toolCalls\":[{\"id\":\"c1\",\"name\":\"current_time\",\"arguments\":\"{}\"}]}",
        ModelResponse.class);
    ModelResponse reply = read("{\"text\":\"hi\"}", ModelResponse.class);
    ToolInvocation invocation = read("{\"callId\":\"c1\",\"toolName\":\"current_time\",\"arguments\":\"{}\"}",
        ToolInvocation.class);

    assertThat(calls.text()).isEmpty();
    assertThat(calls.usage()).isEqualTo(TokenUsage.ZERO);
    assertThat(reply.toolCalls()).isEmpty();
    assertThat(reply.isFinalReply()).isTrue();
    assertThat(invocation.options()).isEmpty();
    assertThat(invocation.turn()).isZero();
  }

  @Test
  void anInputWithoutItsAgentTakesTheWorkflowIdAndOneWithItKeepsIt() {
    ToolInvocation sent = new ToolInvocation(null, "c1", "current_time", "{}", Map.of(), "run-1", 4);
    ToolInvocation old = new ToolInvocation("agent-a", "c1", "current_time", "{}", Map.of(), "run-1");

    assertThat(sent.forAgent("agent-a").idempotencyKey()).isEqualTo(old.idempotencyKey()).isEqualTo("agent-a/run-1/c1");
    assertThat(old.forAgent("someone-else")).isSameAs(old);
    assertThat(ModelRequest.byReference(3, 1, 12, "ab12", 0).forAgent("agent-a"))
        .isEqualTo(ModelRequest.byReference("agent-a", 3, 1, 12, "ab12", 0));
  }

  private static String json(Object value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayload(value).orElseThrow().getData().toStringUtf8();
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    return read(json(value), type);
  }

  private static <T> T read(String json, Class<T> type) {
    Payload payload = Payload.newBuilder()
        .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFrom("json/plain", StandardCharsets.UTF_8))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)).build();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, type, type);
  }
}
