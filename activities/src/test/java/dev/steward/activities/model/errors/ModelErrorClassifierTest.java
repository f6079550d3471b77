package dev.steward.activities.model.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.steward.activities.model.http.ProviderHttpException;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelErrorClassifierTest {

  private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");
  private static final ModelSpec GPT =
      new ModelSpec("openai", "gpt-4.1", null, "OPENAI_API_KEY", null, null, 60, null, null);
  private static final String ENDPOINT = "https://api.openai.com/v1";

  private final ModelErrorClassifier classifier = new ModelErrorClassifier(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest(name = "{0} is retried as {1}")
  @CsvSource({
      "429, ModelRateLimited",
      "408, ModelProviderUnavailable",
      "409, ModelProviderUnavailable",
      "500, ModelProviderUnavailable",
      "502, ModelProviderUnavailable",
      "503, ModelProviderUnavailable",
      "529, ModelProviderUnavailable"})
  void retryableStatuses(int status, String type) {
    ApplicationFailure failure = classify(http(status, "{\"error\":{\"message\":\"busy\"}}", Map.of()));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(type);
    assertThat(failure.getOriginalMessage()).startsWith("openai/gpt-4.1: " + status).endsWith(": busy");
  }

  @ParameterizedTest(name = "{0} is not retried")
  @CsvSource({"400", "401", "402", "403", "404", "413", "422"})
  void nonRetryableStatuses(int status) {
    ApplicationFailure failure = classify(http(status, "{\"error\":{\"message\":\"nope\"}}", Map.of()));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ModelActivities.NON_RETRYABLE_ERROR);
    assertThat(failure.getOriginalMessage()).startsWith("openai/gpt-4.1: " + status).endsWith("nope");
  }

  @Test
  void messagesSayWhatToFix() {
    assertThat(classify(http(403, "{\"error\":{\"message\":\"no access\"}}", Map.of())).getOriginalMessage())
        .isEqualTo("openai/gpt-4.1: 403 Forbidden — the API key in OPENAI_API_KEY may not use model 'gpt-4.1' at "
            + ENDPOINT + ": no access");
    assertThat(classify(http(404, "{\"error\":{\"message\":\"The model `gpt-4.1` does not exist\"}}", Map.of()))
            .getOriginalMessage())
        .contains("no model 'gpt-4.1' at " + ENDPOINT, "check the model id and base_url");
    ModelSpec local = new ModelSpec("openai", "llama3", "http://localhost:11434/v1", null, null, null, null, null, null);
    assertThat(classifier.classify(local, "http://localhost:11434/v1", http(401, "{\"error\":\"unauthorized\"}", Map.of()))
            .getOriginalMessage())
        .contains("names no credential", "set credential");
  }

  @Test
  void redirectsAreExplained() {
    ApplicationFailure failure = classify(http(301, "", Map.of("Location", List.of("https://api.example.com/v1/"))));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("redirects to https://api.example.com/v1/", "base_url");
  }

  @Test
  void insufficientQuotaIsNotRetriedEvenAs429() {
    ApplicationFailure failure = classify(http(429,
        "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}",
        Map.of("Retry-After", List.of("20"))));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void retryAfterSecondsDateAndMillisSetTheNextDelay() {
    assertThat(classify(http(429, "{}", Map.of("retry-after", List.of("7")))).getNextRetryDelay())
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(classify(http(503, "{}", Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:28:30 GMT"))))
            .getNextRetryDelay())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(classify(http(429, "{}", Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("2"))))
            .getNextRetryDelay())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(classify(http(429, "{}", Map.of())).getNextRetryDelay()).isNull();
  }

  @Test
  void libraryWrappedHttpErrorsAreFoundInTheCauseChain() {
    // LangChain4j wraps the client's exception in its own RateLimitException.
    RateLimitException wrapped = new RateLimitException(http(429, "{}", Map.of("Retry-After", List.of("3"))));

    ApplicationFailure failure = classify(wrapped);

    assertThat(failure.getType()).isEqualTo(ModelErrorClassifier.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void transportProblemsAreRetried() {
    ApplicationFailure timeout = classify(new TimeoutException(new java.net.http.HttpTimeoutException("request timed out")));
    assertThat(timeout.getType()).isEqualTo(ModelErrorClassifier.TIMED_OUT);
    assertThat(timeout.isNonRetryable()).isFalse();
    assertThat(timeout.getOriginalMessage()).contains("within 60 s");

    ApplicationFailure refused = classify(new UncheckedIOException(new ConnectException("Connection refused")));
    assertThat(refused.getType()).isEqualTo(ModelErrorClassifier.UNREACHABLE);
    assertThat(refused.isNonRetryable()).isFalse();

    ApplicationFailure reset = classify(new RuntimeException(new SocketException("Connection reset")));
    assertThat(reset.getType()).isEqualTo(ModelErrorClassifier.UNREACHABLE);

    ApplicationFailure noConnect =
        classify(new TimeoutException(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")));
    assertThat(noConnect.getType()).isEqualTo(ModelErrorClassifier.UNREACHABLE);
    assertThat(noConnect.isNonRetryable()).isFalse();
  }

  @Test
  void settingsRefusedBeforeSendingAreNotRetried() {
    ApplicationFailure failure = classify(new IllegalArgumentException("modelName cannot be null or blank"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("modelName cannot be null or blank");
  }

  @Test
  void theKeyIsRedactedFromEchoedBodies() {
    ApplicationFailure failure = classifier.classify(GPT, ENDPOINT, "sk-secret-42",
        http(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-42.\"}}", Map.of()));

    assertThat(failure.getOriginalMessage()).doesNotContain("sk-secret-42").contains("[redacted]");
  }

  private ApplicationFailure classify(Throwable error) {
    return classifier.classify(GPT, ENDPOINT, error);
  }

  private static ProviderHttpException http(int status, String body, Map<String, List<String>> headers) {
    return new ProviderHttpException(status, body, headers);
  }
}
