package dev.steward.activities.model.ollama;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The ollama provider against a local server speaking Ollama's /api/chat (NDJSON stream). */
class OllamaModelTest extends ProviderContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected String provider() {
    return "ollama";
  }

  @Override
  protected String modelId() {
    return "llama3.2";
  }

  @Override
  protected String credential() {
    return null;
  }

  @Override
  protected String baseUrl() {
    return server.url("/").toString();
  }

  @Test
  void plainReplyWithUsage() throws Exception {
    server.enqueue(ndjson(
        line("{\"role\":\"assistant\",\"content\":\"Hello! How \"}", false, ""),
        line("{\"role\":\"assistant\",\"content\":\"can I help?\"}", false, ""),
        line("{\"role\":\"assistant\",\"content\":\"\"}", true,
            ",\"done_reason\":\"stop\",\"total_duration\":4883583458,\"prompt_eval_count\":26,\"eval_count\":9")));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Hi"))));

    assertThat(response.text()).isEqualTo("Hello! How can I help?");
    assertThat(response.usage().inputTokens()).isEqualTo(26);
    assertThat(response.usage().outputTokens()).isEqualTo(9);

    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(recorded.getHeaders().get("Authorization")).isNull();
    JsonNode body = JSON.readTree(recorded.getBody().utf8());
    assertThat(body.path("model").asText()).isEqualTo("llama3.2");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("options").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.path("options").path("num_predict").asInt()).isEqualTo(256);
    assertThat(body.path("messages").findValuesAsText("role")).containsExactly("system", "user");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void toolCallsComeBackUnderStewardNames() throws Exception {
    String issueWire = WireToolNames.wireName(ISSUE_TOOL);
    server.enqueue(ndjson(
        line("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"" + issueWire
            + "\",\"arguments\":{\"title\":\"Broken\"}}}]}", false, ""),
        line("{\"role\":\"assistant\",\"content\":\"\"}", true,
            ",\"done_reason\":\"stop\",\"prompt_eval_count\":140,\"eval_count\":21")));

    ModelResponse response = activities.complete(request(spec(), List.of(ChatMessage.user("Open an issue"))));

    assertThat(response.toolCalls()).hasSize(1);
    assertThat(response.toolCalls().get(0).name()).isEqualTo(ISSUE_TOOL);
    assertThat(JSON.readTree(response.toolCalls().get(0).arguments()).path("title").asText()).isEqualTo("Broken");
    assertThat(response.usage().inputTokens()).isEqualTo(140);
    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.path("tools").findValuesAsText("name")).containsExactly("http_get", issueWire);
  }

  @Test
  void errorInsideTheStreamIsRetried() {
    server.enqueue(ndjson(line("{\"role\":\"assistant\",\"content\":\"Hel\"}", false, ""),
        "{\"error\":\"an error was encountered while running the model: unexpected EOF\"}"));

    ApplicationFailure failure = fail(spec());

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("unexpected EOF");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  static Stream<ErrorCase> errors() {
    return Stream.concat(common((status, message) -> error(message)), Stream.of(
        new ErrorCase("404 model not pulled", Sse.json(404,
            error("model \\\"llama3.2\\\" not found, try pulling it first")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "try pulling it first"),
        new ErrorCase("503 server busy with Retry-After", Sse.json(503,
            error("server busy, please try again.  maximum pending requests exceeded"), "Retry-After", "1"),
            ModelErrorClassifier.PROVIDER_UNAVAILABLE, true, Duration.ofSeconds(1), "server busy"),
        new ErrorCase("429 too many requests", Sse.json(429, error("too many requests"), "Retry-After", "4"),
            ModelErrorClassifier.RATE_LIMITED, true, Duration.ofSeconds(4), "too many requests"),
        new ErrorCase("400 bad request", Sse.json(400, error("invalid options: foo")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "invalid options"),
        new ErrorCase("400 context length", Sse.json(400,
            error("the input length exceeds the context length")),
            ModelErrorClassifier.CONTEXT_TOO_LONG, false, null, "context window"),
        new ErrorCase("401 from an authenticating proxy", Sse.json(401, error("unauthorized")),
            ModelActivities.NON_RETRYABLE_ERROR, false, null, "no credential")));
  }

  private static MockResponse ndjson(String... lines) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/x-ndjson")
        .body(String.join("\n", lines) + "\n").build();
  }

  private static String line(String message, boolean done, String extra) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-10-21T07:28:00.123456Z\",\"message\":" + message
        + ",\"done\":" + done + extra + "}";
  }

  private static String error(String message) {
    return "{\"error\":\"" + message + "\"}";
  }
}
