package dev.steward.activities.model.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ModelRateLimitsTest {

  private static final String MODEL = "openai/gpt-4.1";
  /** Fake monotonic time: only the test moves it. */
  private final AtomicLong now = new AtomicLong();

  private ModelRateLimits limits(String config) {
    return new ModelRateLimits(ModelLimits.parse(config), now::get, Duration.ofMillis(5));
  }

  private static ModelRateLimits.Waiting cancelled() {
    return () -> {
      throw new CancellationException("activity cancelled");
    };
  }

  @Test
  void aCancelledWaitForASlotTakesNothingAndLeavesTheHeldSlotHeld() {
    ModelRateLimits limits = limits(MODEL + "=concurrency:1");
    ModelRateLimits.Permit held = limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE);

    assertThatThrownBy(() -> limits.acquire(MODEL, null, cancelled())).isInstanceOf(CancellationException.class);
    assertThat(limits.running(MODEL)).isEqualTo(1);

    held.close();
    held.close();
    assertThat(limits.running(MODEL)).isZero();
    // Still one slot, not two: a second caller must wait again.
    ModelRateLimits.Permit next = limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE);
    assertThatThrownBy(() -> limits.acquire(MODEL, null, cancelled())).isInstanceOf(CancellationException.class);
    next.close();
  }

  @Test
  void aCancelledWaitForTheRateGivesBackTheSlotItHadTaken() {
    ModelRateLimits limits = limits(MODEL + "=concurrency:2,rps:1");
    ModelRateLimits.Permit first = limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE);

    assertThatThrownBy(() -> limits.acquire(MODEL, null, cancelled())).isInstanceOf(CancellationException.class);

    assertThat(limits.running(MODEL)).isEqualTo(1);
    first.close();
    assertThat(limits.running(MODEL)).isZero();
  }

  @Test
  void aBurstGoesThroughThenCallsWaitForTheRateWhileBeingToldTheyWait() {
    ModelRateLimits limits = limits(MODEL + "=rps:2");
    AtomicInteger told = new AtomicInteger();

    limits.acquire(MODEL, null, cancelled()).close();
    limits.acquire(MODEL, null, cancelled()).close();
    // The third waits; half a second later (fake time) it may go.
    limits.acquire(MODEL, null, () -> {
      told.incrementAndGet();
      now.addAndGet(Duration.ofMillis(500).toNanos());
    }).close();

    assertThat(told).hasValue(1);
  }

  @Test
  void aCallThatWaitsPastMaxWaitFailsRetryablyWithoutBlamingTheModel() {
    ModelRateLimits limits = limits(MODEL + "=concurrency:1,rps:3");
    ModelRateLimits.Permit held = limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE);

    ApplicationFailure busy = catchThrowableOfType(ApplicationFailure.class, () -> limits.acquire(MODEL,
        Duration.ofSeconds(5), () -> now.addAndGet(Duration.ofSeconds(3).toNanos())));

    assertThat(busy.getType()).isEqualTo(ModelRateLimits.WORKER_BUSY);
    assertThat(busy.isNonRetryable()).isFalse();
    assertThat(busy.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(busy.getOriginalMessage()).isEqualTo("openai/gpt-4.1: waited 6 s for a turn under this worker's limit"
        + " for the model (concurrency:1,rps:3, from STEWARD_MODEL_LIMITS); trying again, perhaps on another worker");
    assertThat(limits.running(MODEL)).isEqualTo(1);
    held.close();
  }

  @Test
  void eachModelHasItsOwnSlotsEvenUnderOneProviderRule() {
    ModelRateLimits limits = limits("openai/*=concurrency:1");
    ModelRateLimits.Permit a = limits.acquire("openai/gpt-4.1", null, ModelRateLimits.Waiting.NONE);

    ModelRateLimits.Permit b = limits.acquire("openai/gpt-4o", null, cancelled());

    assertThat(limits.running("openai/gpt-4.1")).isEqualTo(1);
    assertThat(limits.running("openai/gpt-4o")).isEqualTo(1);
    a.close();
    b.close();
  }

  @Test
  void anInterruptedWaitKeepsTheInterruptAndTakesNothing() {
    ModelRateLimits limits = limits(MODEL + "=concurrency:1");
    ModelRateLimits.Permit held = limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE);

    Thread.currentThread().interrupt();
    ApplicationFailure stopped = catchThrowableOfType(ApplicationFailure.class,
        () -> limits.acquire(MODEL, null, ModelRateLimits.Waiting.NONE));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(stopped.getType()).isEqualTo(ModelRateLimits.WORKER_BUSY);
    assertThat(limits.running(MODEL)).isEqualTo(1);
    held.close();
  }
}
