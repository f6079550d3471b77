package dev.steward.activities.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Turns a JDK {@link HttpRequest} into an OkHttp one: same URL, method, headers and body bytes. */
final class OkRequests {

  // OkHttp refuses these methods without a body, and GET and HEAD with one.
  private static final java.util.Set<String> NEEDS_BODY = java.util.Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

  private OkRequests() {}

  static Request from(HttpRequest request) throws IOException {
    Request.Builder out = new Request.Builder().url(request.uri().toString());
    request.headers().map().forEach((name, values) -> values.forEach(value -> out.addHeader(name, value)));
    byte[] bytes = request.bodyPublisher().isPresent() ? collect(request.bodyPublisher().get()) : new byte[0];
    String method = request.method();
    RequestBody body = null;
    boolean mayHaveBody = !method.equals("GET") && !method.equals("HEAD");
    if (mayHaveBody && (bytes.length > 0 || NEEDS_BODY.contains(method))) {
      String type = request.headers().firstValue("Content-Type").orElse(null);
      body = new AnsweredOnceBody(bytes, type == null ? null : MediaType.parse(type));
    }
    return out.method(method, body).build();
  }

  /** Reads a body publisher whole; the JDK's publishers for strings and bytes answer at once. */
  private static byte[] collect(HttpRequest.BodyPublisher publisher) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        done.complete(buffer.toByteArray());
      }
    });
    try {
      return done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the request body", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("could not read the request body: " + e, e);
    }
  }
}
