package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How long a model that fails with a retryable error (rate limit, 5xx, timeout, network) is retried
 * before the agent moves on to its next fallback model. It applies only to a model that has a
 * fallback after it; the last model of the chain keeps Temporal's retries ({@value
 * #LAST_MODEL_ATTEMPTS} attempts, backoff from 1 s doubling to at most 1 min: about ten minutes).
 *
 * @param attempts calls to the model before moving on, at least 1; default {@value #DEFAULT_ATTEMPTS}
 * @param seconds no retry of the model starts later than this many seconds after its first call
 *     started, nor waits past it (a provider's Retry-After that would is not waited for: the next
 *     model is called instead); default {@value #DEFAULT_SECONDS}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FallbackPolicy(int attempts, long seconds) {

  public static final int DEFAULT_ATTEMPTS = 3;
  public static final long DEFAULT_SECONDS = 20;
  /** The most attempts this policy allows a model with a fallback after it. */
  public static final int MAX_ATTEMPTS = 8;
  /**
   * The attempts a model gets when no fallback follows it: with the backoff (1 s doubling to 1 min)
   * they span about ten minutes, so a provider's outage of a few minutes, or an outage followed by
   * the usual share of rate limits, delays the turn rather than failing it. Bounded, so a call that
   * can never succeed (a request the provider keeps answering with a 5xx) still ends the step.
   */
  public static final int LAST_MODEL_ATTEMPTS = 16;
  /** The longest retry window this policy allows: an hour. */
  public static final long MAX_SECONDS = 3_600;
  public static final FallbackPolicy DEFAULTS = new FallbackPolicy(DEFAULT_ATTEMPTS, DEFAULT_SECONDS);

  public FallbackPolicy {
    attempts = attempts <= 0 ? DEFAULT_ATTEMPTS : Math.min(attempts, MAX_ATTEMPTS);
    seconds = seconds <= 0 ? DEFAULT_SECONDS : Math.min(seconds, MAX_SECONDS);
  }
}
