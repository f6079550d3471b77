package dev.steward.activities.model.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

  @Test
  void aShortRetryAfterGrowsWithTheAttemptsLikeTemporalsBackoff() {
    Duration oneSecond = Duration.ofSeconds(1);
    assertThat(RetryDelays.atLeastBackoff(oneSecond, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryDelays.atLeastBackoff(oneSecond, 2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryDelays.atLeastBackoff(oneSecond, 4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(RetryDelays.atLeastBackoff(oneSecond, 7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RetryDelays.atLeastBackoff(oneSecond, 40)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aLongerRetryAfterIsKept() {
    assertThat(RetryDelays.atLeastBackoff(Duration.ofSeconds(30), 2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryDelays.atLeastBackoff(Duration.ofMinutes(5), 9)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void onlyRetryableFailuresThatAskedForADelayChange() {
    ApplicationFailure asked = ApplicationFailure.newBuilder().setType("ModelRateLimited").setMessage("429")
        .setNextRetryDelay(Duration.ofMillis(200)).build();
    RetryDelays.atLeastBackoff(asked, 3);
    assertThat(asked.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(4));

    ApplicationFailure policy = ApplicationFailure.newBuilder().setType("ModelTimedOut").setMessage("slow").build();
    RetryDelays.atLeastBackoff(policy, 3);
    assertThat(policy.getNextRetryDelay()).isNull();

    RuntimeException other = new IllegalStateException("boom");
    assertThat(RetryDelays.atLeastBackoff(other, 3)).isSameAs(other);
  }
}
