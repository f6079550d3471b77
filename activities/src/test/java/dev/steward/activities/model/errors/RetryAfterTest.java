package dev.steward.activities.model.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void readsSecondsDatesAndMilliseconds() {
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("120")), NOW)).contains(Duration.ofMinutes(2));
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("0.5")), NOW)).contains(Duration.ofMillis(500));
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:29:00 GMT")), NOW))
        .contains(Duration.ofMinutes(1));
    assertThat(RetryAfter.from(Map.of("RETRY-AFTER-MS", List.of("250")), NOW)).contains(Duration.ofMillis(250));
  }

  @Test
  void ignoresWhatItCannotUse() {
    assertThat(RetryAfter.from(Map.of(), NOW)).isEmpty();
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("soon")), NOW)).isEmpty();
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("-3")), NOW)).isEmpty();
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:00:00 GMT")), NOW)).isEmpty();
  }

  @Test
  void capsVeryLongWaits() {
    assertThat(RetryAfter.from(Map.of("Retry-After", List.of("86400")), NOW)).contains(RetryAfter.MAX);
  }
}
