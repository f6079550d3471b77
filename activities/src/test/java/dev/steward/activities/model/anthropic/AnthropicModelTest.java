package dev.steward.activities.model.anthropic;

import static dev.steward.activities.model.anthropic.AnthropicWire.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.model.ProviderContract;
import dev.steward.activities.model.Sse;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ToolCall;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The anthropic provider against a local server speaking the Messages API. */
class AnthropicModelTest extends ProviderContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected String provider() {
    return "anthropic";
  }

  @Override
  protected String modelId() {
    return "claude-sonnet-4-5";
  }

  @Override
  protected String credential() {
    return "ANTHROPIC_API_KEY";
  }

  @Test
  void cacheReadsAndWritesCountAsInputAndReadsAsCached() throws Exception {
    server.enqueue(AnthropicWire.reply("Cached hello.", 20, 1500, 2700, 15));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Hi"))));

    // Anthropic's input_tokens leaves both cache counts out; Steward's input is every prompt token.
    assertThat(response.usage().inputTokens()).isEqualTo(20 + 1500 + 2700);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(2700);
    assertThat(response.usage().outputTokens()).isEqualTo(15);
  }

  @Test
  void plainReplyWithUsageAndSystemPrompt() throws Exception {
    server.enqueue(AnthropicWire.reply("Hello! How can I help?", 25, 15));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Hi"))));

    assertThat(response.text()).isEqualTo("Hello! How can I help?");
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.usage().inputTokens()).isEqualTo(25);
    assertThat(response.usage().outputTokens()).isEqualTo(15);

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(KEY);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("Authorization")).isNull();
    JsonNode body = JSON.readTree(recorded.getBody().utf8());
    assertThat(body.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("system").toString()).contains("You are terse.");
    assertThat(body.path("messages").findValuesAsText("role")).containsExactly("user");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void toolUseComesBackUnderStewardNames() throws Exception {
    String issueWire = WireToolNames.wireName(ISSUE_TOOL);
    server.enqueue(AnthropicWire.toolUse(issueWire, "{\"title\":\"Broken\"}"));
    List<ChatMessage> history = List.of(
        ChatMessage.user("Open an issue"),
        ChatMessage.assistant("", List.of(new ToolCall("toolu_1", "http_get", "{\"url\":\"https://example.org\"}"))),
        ChatMessage.toolResult(new ToolCall("toolu_1", "http_get", "{}"), "200 OK"));

    ModelResponse response = activities.complete(request(spec(), history));

    assertThat(response.toolCalls())
        .containsExactly(new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", ISSUE_TOOL, "{\"title\":\"Broken\"}"));
    assertThat(response.text()).isEqualTo("Let me open that.");
    assertThat(response.usage().inputTokens()).isEqualTo(472);
    assertThat(response.usage().outputTokens()).isEqualTo(89);

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("tools").findValuesAsText("name")).containsExactly("http_get", issueWire);
    assertThat(body.path("tools").get(1).path("input_schema").path("required").get(0).asText()).isEqualTo("title");
    JsonNode assistant = body.path("messages").get(1);
    assertThat(assistant.path("content").findValuesAsText("type")).contains("tool_use");
    JsonNode result = body.path("messages").get(2).path("content").get(0);
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_1");
    assertThat(result.has("is_error")).as("a success is not marked").isFalse();
  }

  @Test
  void aFailedToolCallIsSentAsAnErrorResult() throws Exception {
    server.enqueue(AnthropicWire.reply("The page could not be fetched.", 30, 8));
    List<ChatMessage> history = List.of(
        ChatMessage.user("Fetch example.org"),
        ChatMessage.assistant("", List.of(new ToolCall("toolu_1", "http_get", "{\"url\":\"https://example.org\"}"))),
        ChatMessage.toolResult(new ToolCall("toolu_1", "http_get", "{}"), "host example.org is not allowed", true));

    activities.complete(request(spec(), history));

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    JsonNode result = body.path("messages").get(2).path("content").get(0);
    assertThat(result.path("type").asText()).isEqualTo("tool_result");
    assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_1");
    assertThat(result.path("is_error").isBoolean()).isTrue();
    assertThat(result.path("is_error").asBoolean()).isTrue();
    assertThat(result.toString()).contains("host example.org is not allowed");
  }

  @Test
  void overloadedInsideTheStreamIsRetried() {
    server.enqueue(Sse.named(
        "message_start", AnthropicWire.messageStart(10),
        "error", error("overloaded_error", "Overloaded")));

    ApplicationFailure failure = fail(spec());

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.PROVIDER_UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).contains("overloaded_error", "Overloaded");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void refusalEndsTheStep() {
    server.enqueue(Sse.named(
        "message_start", AnthropicWire.messageStart(10),
        "message_delta", AnthropicWire.messageDelta("refusal", 0),
        "message_stop", "{\"type\":\"message_stop\"}"));

    ApplicationFailure failure = fail(spec());

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).contains("declined to answer");
  }

  @Test
  void noCredentialIsRefusedBeforeSending() {
    ApplicationFailure failure = fail(new dev.steward.workflows.spec.ModelSpec(
        "anthropic", modelId(), baseUrl(), null, null, null, null, null, null));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("needs an API key", "model.credential");
    assertThat(server.getRequestCount()).isZero();
  }

  static Stream<ErrorCase> errors() {
    return Stream.concat(common((status, message) -> error(typeFor(status), message)), Stream.of(
        new ErrorCase("429 rate_limit_error with retry-after", Sse.json(429,
            error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
            "retry-after", "20", "anthropic-ratelimit-tokens-remaining", "0"),
            ModelErrorClassifier.RATE_LIMITED, true, Duration.ofSeconds(20), "per-minute rate limit"),
        new ErrorCase("529 overloaded_error", Sse.json(529, error("overloaded_error", "Overloaded")),
            ModelErrorClassifier.PROVIDER_UNAVAILABLE, true, null, "529 Overloaded — the provider is overloaded"),
        new ErrorCase("529 overloaded_error with retry-after", Sse.json(529, error("overloaded_error", "Overloaded"),
            "retry-after", "3"),
            ModelErrorClassifier.PROVIDER_UNAVAILABLE, true, Duration.ofSeconds(3), "Overloaded"),
        new ErrorCase("400 invalid_request_error", Sse.json(400,
            error("invalid_request_error", "messages: roles must alternate between \\\"user\\\" and \\\"assistant\\\"")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "roles must alternate"),
        new ErrorCase("400 prompt is too long", Sse.json(400,
            error("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum")),
            ModelErrorClassifier.CONTEXT_TOO_LONG, false, null, "context window"),
        new ErrorCase("400 credit balance too low", Sse.json(400, error("invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or"
                + " purchase credits.")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "out of quota or credit"),
        new ErrorCase("401 authentication_error", Sse.json(401, error("authentication_error", "invalid x-api-key")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "the API key in ANTHROPIC_API_KEY was rejected")));
  }

  private static String typeFor(int status) {
    return Map.of(400, "invalid_request_error", 403, "permission_error", 404, "not_found_error",
        408, "timeout_error", 409, "api_error", 500, "api_error").getOrDefault(status, "api_error");
  }
}
