package dev.steward.activities.network;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body that OkHttp may send again only until the server has answered it: a stale pooled
 * connection is still recovered (the request never got an answer), but a 408 or a 503 with
 * {@code Retry-After: 0} is returned as it is, never silently repeated (Temporal retries, with the
 * same idempotency key, and the error classifier must see the answer).
 */
final class AnsweredOnceBody extends RequestBody {

  private final byte[] bytes;
  private final MediaType type;
  private volatile boolean answered;

  AnsweredOnceBody(byte[] bytes, MediaType type) {
    this.bytes = bytes;
    this.type = type;
  }

  /** Called by the network interceptor once a response to this body arrived. */
  void answered() {
    answered = true;
  }

  @Override
  public MediaType contentType() {
    return type;
  }

  @Override
  public long contentLength() {
    return bytes.length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    sink.write(bytes);
  }

  @Override
  public boolean isOneShot() {
    return answered;
  }
}
