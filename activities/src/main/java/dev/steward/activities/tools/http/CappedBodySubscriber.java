package dev.steward.activities.tools.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit, then stops reading, so a huge download costs at
 * most the limit in memory and time.
 */
public final class CappedBodySubscriber implements BodySubscriber<CappedBodySubscriber.Body> {

  /** The body read, and whether more was there. */
  public record Body(byte[] bytes, boolean truncated) {}

  private final int limit;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  public CappedBodySubscriber(int limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : buffers) {
      int room = limit - buffer.size();
      int take = Math.min(room, b.remaining());
      byte[] chunk = new byte[take];
      b.get(chunk);
      buffer.write(chunk, 0, take);
      if (b.hasRemaining()) {
        result.complete(new Body(buffer.toByteArray(), true));
        subscription.cancel();
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(buffer.toByteArray(), false));
  }
}
