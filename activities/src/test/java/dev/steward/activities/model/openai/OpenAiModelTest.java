package dev.steward.activities.model.openai;

import static dev.steward.activities.model.openai.OpenAiWire.error;
import static dev.steward.activities.model.openai.OpenAiWire.reply;
import static dev.steward.activities.model.openai.OpenAiWire.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.network.NetworkPolicy;
import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The openai provider against a local server speaking the Chat Completions wire format. */
class OpenAiModelTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUE_TOOL = "github.create_issue";
  private static final String ISSUE_SCHEMA =
      """
      {"type":"object","properties":{"title":{"type":"string"},"labels":{"type":"array","items":{"type":"string"}}},\
      "required":["title"],"additionalProperties":false}""";

  private final MockWebServer server = new MockWebServer();
  private ModelActivities activities;

  @BeforeEach
  void start() throws Exception {
    server.start();
    ToolCatalog catalog =
        ToolCatalog.builtins().with(List.of(new ToolDefinition(ISSUE_TOOL, "Open a GitHub issue.", ISSUE_SCHEMA)));
    activities = new ModelActivitiesImpl(Map.of("OPENAI_API_KEY", "sk-test-123", NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get, catalog);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void promptCacheHitsFromTheFinalUsageChunkAreMetered() throws Exception {
    server.enqueue(reply("Cached hello.", 2006, 300, 1920));

    ModelResponse response = activities.complete(request(spec("OPENAI_API_KEY"), List.of(ChatMessage.user("Hi"))));

    // OpenAI's prompt_tokens already includes the cached ones.
    assertThat(response.usage().inputTokens()).isEqualTo(2006);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(1920);
    assertThat(response.usage().outputTokens()).isEqualTo(300);
  }

  @Test
  void plainReplyWithUsage() throws Exception {
    server.enqueue(reply("Hello! How can I help?", 19, 10));

    ModelResponse response = activities.complete(request(spec("OPENAI_API_KEY"), List.of(ChatMessage.user("Hi"))));

    assertThat(response.text()).isEqualTo("Hello! How can I help?");
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.usage().inputTokens()).isEqualTo(19);
    assertThat(response.usage().outputTokens()).isEqualTo(10);

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-123");
    assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(recorded.getBody().utf8());
    assertThat(body.path("model").asText()).isEqualTo("gpt-4.1");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
    // Current OpenAI models refuse the deprecated max_tokens.
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(roles(body)).containsExactly("system", "user");
    assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("You are terse.");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void toolCallsUseSafeNamesOnTheWireAndStewardNamesBack() throws Exception {
    String issueWire = WireToolNames.wireName(ISSUE_TOOL);
    server.enqueue(toolCalls("http_get", "{\"url\":\"https://example.org\"}", issueWire, "{\"title\":\"Broken\"}"));
    List<ChatMessage> history = List.of(
        ChatMessage.user("Open an issue about example.org"),
        ChatMessage.assistant("", List.of(new ToolCall("call_1", ISSUE_TOOL, "{\"title\":\"First\"}"))),
        ChatMessage.toolResult(new ToolCall("call_1", ISSUE_TOOL, "{}"), "{\"number\":7}"));

    ModelResponse response = activities.complete(request(spec("OPENAI_API_KEY"), history));

    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("call_abc123", "http_get", "{\"url\":\"https://example.org\"}"),
        new ToolCall("call_def456", ISSUE_TOOL, "{\"title\":\"Broken\"}"));
    assertThat(response.usage().inputTokens()).isEqualTo(82);

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    List<String> toolNames = body.path("tools").findValuesAsText("name");
    assertThat(toolNames).containsExactly("http_get", issueWire, "sleep");
    assertThat(toolNames).allMatch(n -> n.matches("^[a-zA-Z0-9_-]{1,64}$"));
    assertThat(body.path("tools").get(0).path("type").asText()).isEqualTo("function");
    JsonNode issueParams = body.path("tools").get(1).path("function").path("parameters");
    assertThat(issueParams.path("type").asText()).isEqualTo("object");
    assertThat(issueParams.path("properties").path("labels").path("items").path("type").asText()).isEqualTo("string");
    assertThat(issueParams.path("required").get(0).asText()).isEqualTo("title");

    assertThat(roles(body)).containsExactly("system", "user", "assistant", "tool");
    JsonNode assistant = body.path("messages").get(2);
    assertThat(assistant.path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
    assertThat(assistant.path("tool_calls").get(0).path("function").path("name").asText()).isEqualTo(issueWire);
    JsonNode tool = body.path("messages").get(3);
    assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(tool.path("content").asText()).isEqualTo("{\"number\":7}");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void compatibleServersCanAskForTheOldMaxTokensField() throws Exception {
    server.enqueue(reply("ok", 1, 1));
    ModelSpec spec = new ModelSpec("openai", "llama3.1", baseUrl(), null, null, 300, null, null, null, null,
        ModelSpec.MAX_TOKENS);

    activities.complete(request(spec, List.of(ChatMessage.user("Hi"))));

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.has("max_completion_tokens")).isFalse();
  }

  @Test
  void anUnknownMaxTokensFieldIsRefusedBeforeSending() {
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", baseUrl(), null, null, 300, null, null, null, null, "max_len");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec, List.of(ChatMessage.user("Hi")))));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("model.max_tokens_field is 'max_len'", "max_completion_tokens");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unknownToolsAreLeftOutOfTheRequest() throws Exception {
    server.enqueue(reply("ok", 1, 1));
    ModelRequest request = new ModelRequest("agent-1", 1, 1, spec("OPENAI_API_KEY"), "",
        List.of(ChatMessage.user("Hi")), List.of(ToolSpec.of("no_such_tool"), ToolSpec.of("current_time")));

    activities.complete(request);

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("tools").findValuesAsText("name")).containsExactly("current_time");
    assertThat(roles(body)).containsExactly("user");
  }

  @Test
  void rateLimitIsRetriedAfterTheProvidersDelay() {
    server.enqueue(new MockResponse.Builder()
        .code(429)
        .addHeader("Content-Type", "application/json")
        .addHeader("Retry-After", "7")
        .body("""
            {"error":{"message":"Rate limit reached for gpt-4.1 on tokens per min (TPM). Please try again in 7s.",\
            "type":"tokens","param":null,"code":"rate_limit_exceeded"}}""")
        .build());

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage()).contains("openai/gpt-4.1: 429", "Rate limit reached");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void exhaustedQuotaIsNotRetried() {
    server.enqueue(error(429, "insufficient_quota", "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details."));

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).contains("OPENAI_API_KEY", "quota", "You exceeded your current quota");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorIsRetried() {
    server.enqueue(error(500, "server_error", null,
        "The server had an error while processing your request. Sorry about that!"));

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.PROVIDER_UNAVAILABLE);
    assertThat(failure.getNextRetryDelay()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void badRequestIsNotRetriedAndKeepsTheProvidersMessage() {
    server.enqueue(error(400, "invalid_request_error", "invalid_value",
        "Invalid value for 'temperature': expected a number between 0 and 2."));

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage())
        .startsWith("openai/gpt-4.1: 400 Bad Request")
        .contains("Invalid value for 'temperature'");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void rejectedKeyNamesTheCredentialButNeverTheKey() {
    server.enqueue(error(401, "invalid_request_error", "invalid_api_key",
        "Incorrect API key provided: sk-test-123. You can find your API key at https://platform.openai.com/account/api-keys."));

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .startsWith("openai/gpt-4.1: 401 Unauthorized — the API key in OPENAI_API_KEY was rejected: Incorrect API key")
        .doesNotContain("sk-test-123");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void contextTooLongIsNotRetried() {
    server.enqueue(error(400, "invalid_request_error", "context_length_exceeded",
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."));

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.CONTEXT_TOO_LONG);
    assertThat(failure.getOriginalMessage()).contains("context window");
  }

  @Test
  void missingEnvironmentVariableFailsBeforeAnyRequest() {
    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec("ANTHROPIC_KEY_NOT_SET"), List.of(ChatMessage.user("Hi")))));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).contains("ANTHROPIC_KEY_NOT_SET", "not set");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void noCredentialSendsNoKey() throws Exception {
    server.enqueue(reply("local model here", 3, 4));

    ModelResponse response = activities.complete(request(spec(null), List.of(ChatMessage.user("Hi"))));

    assertThat(response.text()).isEqualTo("local model here");
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
  }

  @Test
  void parametersArePassedThrough() throws Exception {
    server.enqueue(reply("ok", 1, 1));
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", baseUrl(), "OPENAI_API_KEY", null, null, null,
        Map.of("seed", 42, "top_p", 0.5), null);

    activities.complete(request(spec, List.of(ChatMessage.user("Hi"))));

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("seed").asInt()).isEqualTo(42);
    assertThat(body.path("top_p").asDouble()).isEqualTo(0.5);
  }

  @Test
  void unreachableEndpointIsRetried() {
    String closed = baseUrl();
    server.close();
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", closed, null, null, null, null, null, null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec, List.of(ChatMessage.user("Hi")))));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.UNREACHABLE);
    assertThat(failure.getOriginalMessage()).contains(closed);
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() {
    server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
    ModelSpec spec = new ModelSpec("openai", "gpt-4.1", baseUrl(), null, null, null, 1, null, null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec, List.of(ChatMessage.user("Hi")))));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.TIMED_OUT);
    assertThat(failure.getOriginalMessage()).contains("within 1 s");
  }

  @Test
  void nonJsonGatewayErrorIsRetried() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());

    ApplicationFailure failure = fail();

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("502 Bad Gateway");
  }

  @Test
  void unknownProviderIsRejected() {
    ModelSpec spec = new ModelSpec("gpt-magic", "x", null, null, null, null, null, null, null);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec, List.of(ChatMessage.user("Hi")))));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).contains("gpt-magic", "scripted", "openai");
  }

  private ApplicationFailure fail() {
    return catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec("OPENAI_API_KEY"), List.of(ChatMessage.user("Hi")))));
  }

  private ModelSpec spec(String credential) {
    return new ModelSpec("openai", "gpt-4.1", baseUrl(), credential, 0.2, 256, 30, null, null);
  }

  private String baseUrl() {
    return server.url("/v1").toString();
  }

  private static ModelRequest request(ModelSpec spec, List<ChatMessage> messages) {
    return new ModelRequest("agent-1", 3, 1, spec, "You are terse.", messages,
        List.of(ToolSpec.of("http_get"), ToolSpec.of(ISSUE_TOOL), ToolSpec.of("sleep")));
  }

  private static List<String> roles(JsonNode body) {
    return body.path("messages").findValuesAsText("role");
  }
}
