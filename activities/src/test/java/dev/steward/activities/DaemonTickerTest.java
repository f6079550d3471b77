package dev.steward.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonTickerTest {

  @Test
  void cancelledTasksLeaveTheQueueAtOnceAndTheRestStillRun() throws Exception {
    ScheduledExecutorService ticker = DaemonTicker.named("ticker-test");
    try {
      List<ScheduledFuture<?>> calls = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        calls.add(ticker.scheduleWithFixedDelay(() -> { }, 1, 2, TimeUnit.HOURS));
      }
      calls.forEach(call -> call.cancel(false));
      assertThat(((ScheduledThreadPoolExecutor) ticker).getQueue()).isEmpty();

      CountDownLatch ran = new CountDownLatch(1);
      ticker.schedule(ran::countDown, 10, TimeUnit.MILLISECONDS);
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      ticker.shutdownNow();
    }
  }
}
