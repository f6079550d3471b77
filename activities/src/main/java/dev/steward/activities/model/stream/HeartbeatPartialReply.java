package dev.steward.activities.model.stream;

import dev.steward.activities.Sweeper;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;

/**
 * Reports the partial reply as the model activity's heartbeat details: a {@code String}, the text
 * received so far. Temporal keeps only the latest details on the pending activity (never in the
 * workflow history), so clients can read them with {@code DescribeWorkflowExecution} while the
 * call runs. The SDK throttles what reaches the server (see docs/PROVIDERS.md, "Streaming").
 *
 * <p>A call that answers within {@link #FIRST_AFTER} sends no heartbeat at all: a heartbeat is a
 * server call on the reply's path, and nobody can watch a reply that short stream anyway. From then
 * on it heartbeats the text, and every {@link #KEEP_ALIVE} while the provider is silent, so a
 * heartbeat timeout on the activity only catches dead workers, never slow models. A heartbeat that reports the activity cancelled or gone marks the reply {@link
 * #stopped()}; {@link #close()} then throws that exception so the SDK ends the attempt properly.
 */
public final class HeartbeatPartialReply implements PartialReply, AutoCloseable {

  /** When the first heartbeat goes out (a retry clears the failed attempt's text at once). */
  public static final Duration FIRST_AFTER = Duration.ofSeconds(1);

  /** How often the text is re-sent while no new token arrives: every 2 s. */
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(2);

  /** The most characters sent; a longer reply is sent as "…" and its last this many characters. */
  public static final int MAX_CHARS = 32_000;

  private final ActivityExecutionContext context;
  private final StringBuilder text = new StringBuilder();
  private final Sweeper.Task keepAlive;
  private volatile ActivityCompletionException stop;
  /** Whether heartbeats go out yet: from the first tick, or at once on a retry. */
  private volatile boolean sending;

  /**
   * Starts reporting. On a retry it heartbeats an empty reply at once, so a client never sees the
   * text of the previous, failed attempt; on a first attempt the first heartbeat waits for
   * {@link #FIRST_AFTER}.
   */
  public HeartbeatPartialReply(ActivityExecutionContext context, Sweeper sweeper) {
    this.context = context;
    if (context.getInfo().getAttempt() > 1) {
      sending = true;
      send();
    }
    this.keepAlive = sweeper.every(FIRST_AFTER, KEEP_ALIVE, this::tick);
  }

  @Override
  public void append(String delta) {
    if (delta == null || delta.isEmpty()) {
      return;
    }
    synchronized (text) {
      text.append(delta);
    }
    if (sending) {
      send();
    }
  }

  @Override
  public boolean stopped() {
    return stop != null;
  }

  /** Stops the keep-alive; rethrows a cancellation the heartbeats learned of. */
  @Override
  public void close() {
    keepAlive.close();
    if (stop != null) {
      throw stop;
    }
  }

  private void tick() {
    sending = true;
    send();
  }

  private void send() {
    if (stop != null) {
      return;
    }
    try {
      context.heartbeat(snapshot());
    } catch (ActivityCompletionException e) {
      stop = e;
    } catch (RuntimeException e) {
      // A keep-alive racing the end of the attempt; the result is what counts now.
    }
  }

  private String snapshot() {
    synchronized (text) {
      return text.length() <= MAX_CHARS ? text.toString() : "…" + text.substring(text.length() - MAX_CHARS);
    }
  }
}
