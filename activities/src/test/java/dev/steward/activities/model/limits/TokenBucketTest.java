package dev.steward.activities.model.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void letsOneSecondsWorthThroughAtOnceThenSaysHowLongTheNextMustWait() {
    TokenBucket bucket = new TokenBucket(2, now::get);

    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));

    advanceMillis(250);
    assertThat(bucket.tryTake()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    advanceMillis(250);
    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isPositive();
  }

  @Test
  void anIdleBucketHoldsNoMoreThanOneSecondsWorth() {
    TokenBucket bucket = new TokenBucket(3, now::get);
    advanceMillis(60_000);

    int taken = 0;
    while (bucket.tryTake() == 0) {
      taken++;
    }
    assertThat(taken).isEqualTo(3);
  }

  @Test
  void belowOnePerSecondTheBurstIsOneCall() {
    TokenBucket bucket = new TokenBucket(0.5, now::get);

    assertThat(bucket.tryTake()).isZero();
    assertThat(bucket.tryTake()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    advanceMillis(2_000);
    assertThat(bucket.tryTake()).isZero();
  }

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }
}
