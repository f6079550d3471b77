package dev.steward.activities.model.gemini;

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
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The gemini provider against a local server speaking the Gemini API (streamGenerateContent, SSE). */
class GeminiModelTest extends ProviderContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected String provider() {
    return "gemini";
  }

  @Override
  protected String modelId() {
    return "gemini-2.5-flash";
  }

  @Override
  protected String credential() {
    return "GEMINI_API_KEY";
  }

  @Override
  protected String baseUrl() {
    return server.url("/v1beta").toString();
  }

  @Test
  void cachedContentTokensAreMeteredAsCachedInput() throws Exception {
    server.enqueue(Sse.data(candidate("{\"text\":\"Cached hello.\"}", "STOP",
        "\"promptTokenCount\":4096,\"cachedContentTokenCount\":4000,\"candidatesTokenCount\":6,"
            + "\"totalTokenCount\":4102")));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Hi"))));

    // Gemini's promptTokenCount already includes the cached content.
    assertThat(response.usage().inputTokens()).isEqualTo(4096);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(4000);
    assertThat(response.usage().outputTokens()).isEqualTo(6);
  }

  @Test
  void plainReplyWithUsageAndSystemInstruction() throws Exception {
    server.enqueue(Sse.data(
        candidate("{\"text\":\"Hello! How \"}", null, "\"promptTokenCount\":8,\"totalTokenCount\":8"),
        candidate("{\"text\":\"can I help?\"}", "STOP",
            "\"promptTokenCount\":8,\"candidatesTokenCount\":10,\"totalTokenCount\":18")));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Hi"))));

    assertThat(response.text()).isEqualTo("Hello! How can I help?");
    assertThat(response.usage().inputTokens()).isEqualTo(8);
    assertThat(response.usage().outputTokens()).isEqualTo(10);

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(recorded.getUrl().queryParameter("alt")).isEqualTo("sse");
    assertThat(recorded.getUrl().queryParameter("key")).isNull();
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(KEY);
    JsonNode body = JSON.readTree(recorded.getBody().utf8());
    assertThat(body.path("systemInstruction").toString()).contains("You are terse.");
    assertThat(body.path("contents").findValuesAsText("role")).containsExactly("user");
    assertThat(body.path("generationConfig").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(256);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void functionCallComesBackUnderStewardNames() throws Exception {
    String issueWire = WireToolNames.wireName(ISSUE_TOOL);
    server.enqueue(Sse.data(candidate(
        "{\"functionCall\":{\"name\":\"" + issueWire + "\",\"args\":{\"title\":\"Broken\"}}}", "STOP",
        "\"promptTokenCount\":120,\"candidatesTokenCount\":14,\"totalTokenCount\":134")));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Open an issue"))));

    assertThat(response.toolCalls()).hasSize(1);
    assertThat(response.toolCalls().get(0).name()).isEqualTo(ISSUE_TOOL);
    assertThat(JSON.readTree(response.toolCalls().get(0).arguments()).path("title").asText()).isEqualTo("Broken");
    assertThat(response.usage().inputTokens()).isEqualTo(120);
    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("tools").findValuesAsText("name")).containsExactly("http_get", issueWire);
  }

  @Test
  void safetyBlockEndsTheStep() {
    server.enqueue(Sse.data("""
        {"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT",\
        "probability":"HIGH","blocked":true}]}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},\
        "modelVersion":"gemini-2.5-flash"}"""));

    ApplicationFailure failure = fail(spec());

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).contains("declined to answer");
  }

  static Stream<ErrorCase> errors() {
    return Stream.concat(common((status, message) -> error(status, statusFor(status), message, "")), Stream.of(
        new ErrorCase("429 RESOURCE_EXHAUSTED with RetryInfo", Sse.json(429, error(429, "RESOURCE_EXHAUSTED",
            "You exceeded your current quota, please check your plan and billing details.",
            ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
                + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\":"
                + "\"GenerateRequestsPerMinutePerProjectPerModel-FreeTier\"}]},{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]")),
            ModelErrorClassifier.RATE_LIMITED, true, Duration.ofSeconds(37), "rate limited"),
        new ErrorCase("503 UNAVAILABLE with Retry-After", Sse.json(503,
            error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", ""), "Retry-After", "2"),
            ModelErrorClassifier.PROVIDER_UNAVAILABLE, true, Duration.ofSeconds(2), "overloaded"),
        new ErrorCase("400 INVALID_ARGUMENT", Sse.json(400,
            error(400, "INVALID_ARGUMENT", "Invalid JSON payload received. Unknown name \\\"foo\\\".", "")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "Invalid JSON payload"),
        new ErrorCase("400 input token count exceeds", Sse.json(400, error(400, "INVALID_ARGUMENT",
            "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).", "")),
            ModelErrorClassifier.CONTEXT_TOO_LONG, false, null, "context window"),
        new ErrorCase("400 API_KEY_INVALID", Sse.json(400, error(400, "INVALID_ARGUMENT",
            "API key not valid. Please pass a valid API key.",
            ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}]")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "the API key in GEMINI_API_KEY was rejected"),
        new ErrorCase("400 FAILED_PRECONDITION billing", Sse.json(400, error(400, "FAILED_PRECONDITION",
            "Gemini API free tier is not available in your country. Please enable billing on your project in Google"
                + " AI Studio.", "")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "enable billing")));
  }

  private static String candidate(String part, String finishReason, String usage) {
    return "{\"candidates\":[{\"content\":{\"parts\":[" + part + "],\"role\":\"model\"},"
        + (finishReason == null ? "" : "\"finishReason\":\"" + finishReason + "\",")
        + "\"index\":0}],\"usageMetadata\":{" + usage + "},\"modelVersion\":\"gemini-2.5-flash\"}";
  }

  private static String error(int code, String status, String message, String details) {
    return "{\"error\":{\"code\":%d,\"message\":\"%s\",\"status\":\"%s\"%s}}".formatted(code, message, status, details);
  }

  private static String statusFor(int status) {
    return Map.of(403, "PERMISSION_DENIED", 404, "NOT_FOUND", 408, "DEADLINE_EXCEEDED", 409, "ABORTED",
        500, "INTERNAL").getOrDefault(status, "UNKNOWN");
  }
}
