package dev.steward.activities.model.errors;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.steward.activities.model.langchain4j.RefusedException;
import dev.steward.activities.model.http.ProviderHttpException;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a failed model call into the Temporal failure that makes Temporal do the right thing.
 *
 * <pre>
 * what happened                                   retried?  failure type              next retry delay
 * 402, insufficient_quota, billing_error, "credit   no        ModelRequestRejected      -
 *   balance is too low"
 * 429 Too Many Requests                           yes       ModelRateLimited          Retry-After
 * 408, 409, 425, 5xx (Anthropic 529 overloaded)   yes       ModelProviderUnavailable  Retry-After
 * error event inside a 200 stream: overloaded_error, api_error,
 *   rate_limit_error (Anthropic)                  yes       as the status would be    policy
 * 400/413 saying the context is too long          no        ModelContextTooLong       -
 * 400 API_KEY_INVALID (Gemini), 401               no        ModelRequestRejected      -
 * 400, 403, 404, 422 and any other 4xx            no        ModelRequestRejected      -
 * reply refused / blocked by a safety filter      no        ModelRequestRejected      -
 * 3xx (the JDK client follows no redirects)       no        ModelRequestRejected      -
 * timeout (no answer within timeout_seconds)      yes       ModelTimedOut             policy
 * connect timeout, refused/reset, DNS, other I/O  yes       ModelUnreachable          policy
 * bad model settings caught before sending        no        ModelRequestRejected      -
 * anything else                                   yes       ModelCallFailed           policy
 * </pre>
 *
 * "Retry-After" means the provider's {@code retry-after-ms} or {@code Retry-After} header (see
 * {@link RetryAfter}) or, failing those, a Google {@code RetryInfo.retryDelay} in the body
 * (Gemini); without any, the activity's retry policy decides. docs/PROVIDERS.md has the table
 * per provider. Messages start with the
 * model's label and say what a person can do, e.g. {@code openai/gpt-4.1: 401 Unauthorized — the
 * API key in OPENAI_API_KEY was rejected: Incorrect API key provided}.
 */
public final class ModelErrorClassifier {

  public static final String RATE_LIMITED = "ModelRateLimited";
  public static final String PROVIDER_UNAVAILABLE = "ModelProviderUnavailable";
  public static final String TIMED_OUT = "ModelTimedOut";
  public static final String UNREACHABLE = "ModelUnreachable";
  public static final String CALL_FAILED = "ModelCallFailed";
  /**
   * The conversation no longer fits the model's context window: non-retryable, and worth telling
   * apart from other rejections because compacting the context fixes it.
   */
  public static final String CONTEXT_TOO_LONG = "ModelContextTooLong";

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"), Map.entry(413, "Payload Too Large"), Map.entry(422, "Unprocessable Entity"),
          Map.entry(425, "Too Early"), Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
          Map.entry(529, "Overloaded"));

  /** Anthropic's error types, as sent in an {@code error} event mid-stream, that retrying fixes. */
  private static final Map<String, Integer> RETRYABLE_STREAM_ERRORS =
      Map.of("overloaded_error", 529, "api_error", 500, "rate_limit_error", 429, "timeout_error", 504);

  private final Clock clock;

  public ModelErrorClassifier() {
    this(Clock.systemUTC());
  }

  /** Uses {@code clock} to turn a {@code Retry-After} date into a delay. */
  public ModelErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * The failure to throw for {@code error}.
   *
   * @param model the model that was called, for its label, id and credential name
   * @param endpoint the base URL that was called
   * @param error what the provider library threw
   */
  public ApplicationFailure classify(ModelSpec model, String endpoint, Throwable error) {
    return classify(model, endpoint, null, error);
  }

  /**
   * The failure to throw for {@code error}, with {@code secret} (the API key used) blotted out of
   * anything the provider echoed, since failure messages are stored in the workflow's history.
   */
  public ApplicationFailure classify(ModelSpec model, String endpoint, String secret, Throwable error) {
    Optional<HttpException> http = find(error, HttpException.class);
    if (http.isPresent()) {
      return fromStatus(model, endpoint, http.get(), secret);
    }
    String label = model.label();
    Optional<RefusedException> refused = find(error, RefusedException.class);
    if (refused.isPresent()) {
      return ModelFailures.rejected(label + ": the model declined to answer this request (a safety filter or a"
          + " refusal); rephrase the request or change the instructions. Retrying the same request will not help");
    }
    Optional<AnthropicStreamingException> streamed = find(error, AnthropicStreamingException.class);
    if (streamed.isPresent()) {
      return fromStreamError(model, endpoint, streamed.get());
    }
    if (find(error, HttpConnectTimeoutException.class).isPresent()) {
      return retryable(UNREACHABLE, label + ": could not connect to " + endpoint + " in time; check base_url and the"
          + " network", error, null);
    }
    if (isTimeout(error)) {
      return retryable(TIMED_OUT, label + ": no answer from " + endpoint + " within " + model.timeoutSecondsOrDefault()
          + " s (timeout_seconds)", error, null);
    }
    if (find(error, IOException.class).isPresent()
        || find(error, UnresolvedAddressException.class).isPresent()
        || find(error, UnresolvedModelServerException.class).isPresent()) {
      return retryable(UNREACHABLE, label + ": could not reach " + endpoint + " (" + rootCause(error)
          + "); check base_url and the network", error, null);
    }
    if (error instanceof IllegalArgumentException
        || error instanceof UnsupportedOperationException
        || error instanceof UnsupportedFeatureException
        || error instanceof NonRetriableException) {
      return ModelFailures.rejected(label + ": the model settings were refused before sending: " + error.getMessage());
    }
    return retryable(CALL_FAILED, label + ": the call failed (" + rootCause(error) + ")", error, null);
  }

  private ApplicationFailure fromStatus(ModelSpec model, String endpoint, HttpException http, String secret) {
    int status = http.statusCode();
    String body = http.getMessage();
    if (secret != null && !secret.isBlank() && body != null) {
      body = body.replace(secret, "[redacted]");
    }
    ProviderError said = ProviderError.parse(body);
    String head = model.label() + ": " + status + (REASONS.containsKey(status) ? " " + REASONS.get(status) : "") + " — ";
    String key = keyPhrase(model.credential());

    if (status == 402 || said.is("insufficient_quota") || said.is("billing_error")
        || said.message().toLowerCase(Locale.ROOT).contains("credit balance is too low")) {
      return ModelFailures.rejected(head + "the account behind " + key + " is out of quota or credit; add credit or"
          + " raise its limits: " + said.message());
    }
    if (status == 429 || status == 408 || status == 409 || status == 425 || status >= 500) {
      Optional<Duration> wait = (http instanceof ProviderHttpException p
          ? RetryAfter.from(p.headers(), clock.instant()) : Optional.<Duration>empty())
          .or(() -> said.retryDelay().map(RetryAfter::capped));
      String what = status == 429 ? "rate limited"
          : status == 529 || said.is("overloaded_error") ? "the provider is overloaded"
          : "the provider is unavailable or busy";
      // Whether and when it is retried is the workflow's call (Temporal's retries, or the next fallback model).
      String when = wait.map(d -> "; the provider asked to wait " + seconds(d)).orElse("");
      return retryable(status == 429 ? RATE_LIMITED : PROVIDER_UNAVAILABLE, head + what + when + ": " + said.message(),
          null, wait.orElse(null));
    }
    if ((status == 400 || status == 413) && isContextTooLong(said)) {
      return ApplicationFailure.newBuilder()
          .setType(CONTEXT_TOO_LONG)
          .setMessage(head + "the conversation no longer fits the model's context window; compact it or choose a"
              + " model with a larger one: " + said.message())
          .setNonRetryable(true)
          .build();
    }
    boolean badKey = status == 401 || said.is("API_KEY_INVALID");
    return ModelFailures.rejected(head + switch (badKey ? 401 : status) {
      case 401 -> model.credential() == null || model.credential().isBlank()
          ? endpoint + " wants an API key, but the model spec names no credential; set credential to the name of"
              + " the environment variable holding it: " + said.message()
          : "the API key in " + model.credential() + " was rejected: " + said.message();
      case 403 -> key + " may not use model '" + model.id() + "' at " + endpoint + ": " + said.message();
      case 301, 302, 303, 307, 308 -> endpoint + " redirects"
          + (http instanceof ProviderHttpException p ? p.header("Location").map(l -> " to " + l).orElse("") : "")
          + "; set base_url to the final address";
      case 404 -> "no model '" + model.id() + "' at " + endpoint + " (check the model id and base_url): " + said.message();
      default -> "the provider refused the request: " + said.message();
    });
  }

  private static ApplicationFailure fromStreamError(ModelSpec model, String endpoint, AnthropicStreamingException e) {
    String head = model.label() + ": " + endpoint + " broke off the reply with " + e.type() + " — ";
    Integer like = RETRYABLE_STREAM_ERRORS.get(e.type());
    if (like != null) {
      return retryable(like == 429 ? RATE_LIMITED : PROVIDER_UNAVAILABLE,
          head + "the provider is busy: " + e.getMessage(), null, null);
    }
    return ModelFailures.rejected(head + "the provider refused the request: " + e.getMessage());
  }

  private static ApplicationFailure retryable(String type, String message, Throwable cause, Duration delay) {
    return ApplicationFailure.newBuilder()
        .setType(type)
        .setMessage(message)
        .setCause(cause)
        .setNextRetryDelay(delay)
        .setNonRetryable(false)
        .build();
  }

  private static boolean isContextTooLong(ProviderError said) {
    String message = said.message().toLowerCase(Locale.ROOT);
    return said.is("context_length_exceeded")
        || message.contains("context length")
        || message.contains("context window")
        || message.contains("maximum context")
        || message.contains("prompt is too long")
        || message.contains("input token count")
        || message.contains("exceeds the maximum number of tokens");
  }

  private static boolean isTimeout(Throwable error) {
    return find(error, dev.langchain4j.exception.TimeoutException.class).isPresent()
        || find(error, HttpTimeoutException.class).isPresent()
        || find(error, SocketTimeoutException.class).isPresent()
        || find(error, java.util.concurrent.TimeoutException.class).isPresent();
  }

  private static String keyPhrase(String credential) {
    return credential == null || credential.isBlank() ? "the caller (no credential named)" : "the API key in " + credential;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static <T extends Throwable> Optional<T> find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
