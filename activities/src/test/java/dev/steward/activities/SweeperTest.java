package dev.steward.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SweeperTest {

  private final Sweeper sweeper = new Sweeper("sweeper-test");

  @Test
  void aTaskTicksAgainAndAgainUntilClosedThenNeverAgain() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    CountDownLatch thrice = new CountDownLatch(3);
    Sweeper.Task task = sweeper.every(Duration.ZERO, Duration.ZERO, () -> {
      ticks.incrementAndGet();
      thrice.countDown();
    });
    assertThat(thrice.await(30, TimeUnit.SECONDS)).isTrue();
    task.close();
    assertThat(sweeper.running()).isZero();
    int afterClose = ticks.get();
    Thread.sleep(3 * Sweeper.GRAIN.toMillis());
    assertThat(ticks.get()).isEqualTo(afterClose);
  }

  @Test
  void aTaskClosedBeforeItsFirstTickNeverTicks() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    sweeper.every(Duration.ofMillis(1), Duration.ofHours(1), ticks::incrementAndGet).close();
    Thread.sleep(3 * Sweeper.GRAIN.toMillis());
    assertThat(ticks.get()).isZero();
  }

  @Test
  void aTaskThatThrowsStopsNoOtherTask() throws Exception {
    CountDownLatch otherTicked = new CountDownLatch(2);
    try (Sweeper.Task failing = sweeper.every(Duration.ZERO, Duration.ZERO, () -> {
          throw new IllegalStateException("boom");
        });
        Sweeper.Task other = sweeper.every(Duration.ZERO, Duration.ZERO, otherTicked::countDown)) {
      assertThat(otherTicked.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aTaskWaitsForItsFirstTick() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    try (Sweeper.Task task = sweeper.every(Duration.ofHours(1), Duration.ofHours(1), ticks::incrementAndGet)) {
      Thread.sleep(3 * Sweeper.GRAIN.toMillis());
      assertThat(ticks.get()).isZero();
      assertThat(sweeper.running()).isEqualTo(1);
    }
  }
}
