package dev.steward.activities.tools;

import dev.steward.activities.DaemonTicker;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats for a tool call from start to end, whatever the tool is doing (starting an MCP server,
 * waiting on a slow API), so Temporal learns quickly of a dead worker and can deliver a
 * cancellation. When Temporal cancels the call, the tool's thread is interrupted and
 * {@link #close} throws the cancellation for Temporal to see.
 */
final class HeartbeatKeeper implements AutoCloseable {

  /** How often it beats; the agent's heartbeat timeout for tool calls is several times this. */
  static final Duration EVERY = Duration.ofSeconds(5);

  private static final ScheduledExecutorService BEATS = DaemonTicker.named("steward-tool-heartbeats");

  private final ScheduledFuture<?> beating;
  private volatile ActivityCompletionException cancelled;

  private HeartbeatKeeper(Runnable heartbeat, Thread toolThread) {
    this.beating = BEATS.scheduleAtFixedRate(() -> {
      try {
        heartbeat.run();
      } catch (ActivityCompletionException e) {
        if (cancelled == null) {
          cancelled = e;
          toolThread.interrupt();
        }
      } catch (RuntimeException e) {
        // A failed heartbeat is retried on the next beat; Temporal judges liveness by the timeout.
      }
    }, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts beating for the current activity; outside an activity (tests) the beats do nothing. */
  static HeartbeatKeeper start() {
    return new HeartbeatKeeper(Heartbeats.current(), Thread.currentThread());
  }

  @Override
  public void close() {
    beating.cancel(false);
    if (cancelled != null) {
      Thread.interrupted(); // The interrupt was for the tool; the cancellation speaks for it now.
      throw cancelled;
    }
  }
}
