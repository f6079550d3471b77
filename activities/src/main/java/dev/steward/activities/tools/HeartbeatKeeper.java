package dev.steward.activities.tools;

import dev.steward.activities.Sweeper;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;

/**
 * Heartbeats for a tool call from start to end, whatever the tool is doing (starting an MCP server,
 * waiting on a slow API), so Temporal learns quickly of a dead worker and can deliver a
 * cancellation. When Temporal cancels the call, the tool's thread is interrupted and
 * {@link #close} throws the cancellation for Temporal to see.
 */
final class HeartbeatKeeper implements AutoCloseable {

  /** How often it beats; the agent's heartbeat timeout for tool calls is several times this. */
  static final Duration EVERY = Duration.ofSeconds(5);

  /** For a call whose heartbeats would reach no one. */
  private static final HeartbeatKeeper NONE = new HeartbeatKeeper(() -> { });

  private final Sweeper.Task beating;
  private volatile ActivityCompletionException cancelled;

  private HeartbeatKeeper(Sweeper.Task beating) {
    this.beating = beating;
  }

  private HeartbeatKeeper(Runnable heartbeat, Thread toolThread) {
    this.beating = Sweeper.shared().every(EVERY, EVERY, () -> {
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
    });
  }

  /** Starts beating for the current activity, unless its beats would reach no one ({@link Heartbeats#NONE}). */
  static HeartbeatKeeper start() {
    Runnable heartbeat = Heartbeats.current();
    return heartbeat == Heartbeats.NONE ? NONE : new HeartbeatKeeper(heartbeat, Thread.currentThread());
  }

  @Override
  public void close() {
    beating.close();
    if (cancelled != null) {
      Thread.interrupted(); // The interrupt was for the tool; the cancellation speaks for it now.
      throw cancelled;
    }
  }
}
