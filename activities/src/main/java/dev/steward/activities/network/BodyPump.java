package dev.steward.activities.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import okhttp3.Call;

/**
 * Feeds a response body into a JDK {@link HttpResponse.BodySubscriber} as fast as it asks for
 * chunks (Flow demand), on the calling thread; cancelling the subscription cancels the exchange.
 */
final class BodyPump implements Flow.Subscription {

  private static final int CHUNK = 16 * 1024;

  private final InputStream body;
  private final HttpResponse.BodySubscriber<?> subscriber;
  private final Call call;
  private long demand;
  private boolean cancelled;

  BodyPump(InputStream body, HttpResponse.BodySubscriber<?> subscriber, Call call) {
    this.body = body;
    this.subscriber = subscriber;
    this.call = call;
  }

  @Override
  public synchronized void request(long n) {
    if (n <= 0) {
      cancel();
      return;
    }
    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
    notifyAll();
  }

  @Override
  public void cancel() {
    synchronized (this) {
      cancelled = true;
      notifyAll();
    }
    call.cancel();
  }

  void run() {
    subscriber.onSubscribe(this);
    byte[] buffer = new byte[CHUNK];
    try (body) {
      while (true) {
        if (!awaitDemand()) {
          return;
        }
        int read = body.read(buffer);
        if (read < 0) {
          break;
        }
        synchronized (this) {
          demand--;
        }
        subscriber.onNext(List.of(ByteBuffer.wrap(Arrays.copyOf(buffer, read))));
      }
      subscriber.onComplete();
    } catch (IOException e) {
      if (!isCancelled()) {
        subscriber.onError(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel();
      subscriber.onError(e);
    }
  }

  /** Waits until the subscriber wants more; false once it cancelled. */
  private synchronized boolean awaitDemand() throws InterruptedException {
    while (demand == 0 && !cancelled) {
      wait();
    }
    return !cancelled;
  }

  private synchronized boolean isCancelled() {
    return cancelled;
  }
}
