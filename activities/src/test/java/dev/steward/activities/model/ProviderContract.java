package dev.steward.activities.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.network.NetworkPolicy;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every provider must do against a local server speaking its wire protocol: classify each
 * error class with the provider's real body and headers, time out, survive a reset connection,
 * and send exactly one request per call. Subclasses add the plain reply, tool call and usage tests
 * and list their {@link #errors()}.
 */
public abstract class ProviderContract {

  protected static final String ISSUE_TOOL = "github.create_issue";
  protected static final String ISSUE_SCHEMA =
      """
      {"type":"object","properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}""";
  protected static final String KEY = "test-key-123";

  protected final MockWebServer server = new MockWebServer();
  protected ModelActivities activities;

  /**
   * One error class: what the server answers and what the activity must throw.
   *
   * @param delay the next retry delay expected, or null for the retry policy's own
   */
  public record ErrorCase(String name, MockResponse response, String type, boolean retryable, Duration delay,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The provider's name in specs. */
  protected abstract String provider();

  /** The model id used in tests. */
  protected abstract String modelId();

  /** The environment variable named as the credential, or null when the provider needs none. */
  protected abstract String credential();

  /** The base URL for the server. */
  protected String baseUrl() {
    return server.url("/v1").toString();
  }

  @BeforeEach
  void startServer() throws Exception {
    server.start();
    ToolCatalog catalog =
        ToolCatalog.builtins().with(List.of(new ToolDefinition(ISSUE_TOOL, "Open a GitHub issue.", ISSUE_SCHEMA)));
    // The fake provider listens on loopback: this worker's operator allows private networks.
    Map<String, String> env = credential() == null ? Map.of(NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true") : Map.of(credential(), KEY, NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true");
    activities = new ModelActivitiesImpl(env::get, catalog);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  protected ModelSpec spec() {
    return spec(30);
  }

  protected ModelSpec spec(int timeoutSeconds) {
    return new ModelSpec(provider(), modelId(), baseUrl(), credential(), 0.2, 256, timeoutSeconds, null, null);
  }

  protected ModelRequest request(ModelSpec spec, List<ChatMessage> messages) {
    return new ModelRequest("agent-1", 3, 1, spec, "You are terse.", messages,
        List.of(ToolSpec.of("http_get"), ToolSpec.of(ISSUE_TOOL)));
  }

  protected ApplicationFailure fail(ModelSpec spec) {
    return catchThrowableOfType(ApplicationFailure.class,
        () -> activities.complete(request(spec, List.of(ChatMessage.user("Hi")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void errorIsClassified(ErrorCase error) {
    server.enqueue(error.response());

    ApplicationFailure failure = fail(spec());

    assertThat(failure).as("failure").isNotNull();
    assertThat(failure.getType()).isEqualTo(error.type());
    assertThat(failure.isNonRetryable()).isEqualTo(!error.retryable());
    assertThat(failure.getNextRetryDelay()).isEqualTo(error.delay());
    assertThat(failure.getOriginalMessage()).startsWith(provider() + "/" + modelId() + ": ").contains(error.says());
    assertThat(failure.getOriginalMessage()).doesNotContain(KEY);
    assertThat(server.getRequestCount()).as("requests, no provider-side retry").isEqualTo(1);
  }

  @Test
  void slowAnswerTimesOutAndIsRetried() {
    server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("{}").build());

    ApplicationFailure failure = fail(spec(1));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.TIMED_OUT);
    assertThat(failure.getOriginalMessage()).contains("within 1 s");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void resetConnectionIsRetried() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, true, true)).build());

    ApplicationFailure failure = fail(spec(5));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isIn(ModelErrorClassifier.UNREACHABLE, ModelErrorClassifier.CALL_FAILED);
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(1);
  }

  /** Error classes every provider shares, with the provider's body for each status. */
  protected static Stream<ErrorCase> common(java.util.function.BiFunction<Integer, String, String> body) {
    return Stream.of(
        json("408 request timeout", 408, body.apply(408, "Request timed out"), ModelErrorClassifier.PROVIDER_UNAVAILABLE,
            true, null, "408"),
        json("409 conflict", 409, body.apply(409, "Conflict, please retry"), ModelErrorClassifier.PROVIDER_UNAVAILABLE,
            true, null, "409"),
        json("500 internal error", 500, body.apply(500, "Internal error"), ModelErrorClassifier.PROVIDER_UNAVAILABLE,
            true, null, "Internal error"),
        json("403 forbidden", 403, body.apply(403, "Permission denied for this model"), ModelActivities.NON_RETRYABLE_ERROR,
            false, null, "Permission denied"),
        json("404 unknown model", 404, body.apply(404, "model not found"), ModelActivities.NON_RETRYABLE_ERROR,
            false, null, "check the model id"));
  }

  private static ErrorCase json(String name, int status, String body, String type, boolean retryable, Duration delay,
      String says) {
    return new ErrorCase(name, Sse.json(status, body), type, retryable, delay, says);
  }
}
