package dev.steward.activities.model.http;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The HTTP client LangChain4j's model classes use in Steward: the JDK client, one request per call
 * (blocking, or streamed on the calling thread), and a {@link ProviderHttpException} carrying the response headers for any non-2xx
 * answer. Transport failures surface unchanged (wrapped in {@link UncheckedIOException}) so the
 * error classifier can tell a refused connection from a timeout.
 */
public final class ProviderHttpClient implements HttpClient {

  private final java.net.http.HttpClient jdk;
  private final Duration readTimeout;

  ProviderHttpClient(java.net.http.HttpClient jdk, Duration readTimeout) {
    this.jdk = jdk;
    this.readTimeout = readTimeout;
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        throw new ProviderHttpException(
            response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
      }
      return SuccessfulHttpResponse.builder()
          .statusCode(response.statusCode())
          .headers(response.headers().map())
          .body(response.body())
          .build();
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LangChain4jException("interrupted while waiting for the model", e);
    }
  }

  /**
   * Streams on the calling thread: a non-2xx answer is reported as a {@link ProviderHttpException}
   * (body read whole, headers kept), a 2xx body is handed to {@code parser} as it arrives. The
   * request timeout covers the wait for the response headers; the activity's start-to-close
   * timeout covers the rest of the stream.
   */
  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    HttpResponse<InputStream> response;
    try {
      response = jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      listener.onError(new TimeoutException(e));
      return;
    } catch (IOException e) {
      listener.onError(new UncheckedIOException(e));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      listener.onError(new LangChain4jException("interrupted while waiting for the model", e));
      return;
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        listener.onError(new ProviderHttpException(
            response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), response.headers().map()));
        return;
      }
      listener.onOpen(SuccessfulHttpResponse.builder()
          .statusCode(response.statusCode())
          .headers(response.headers().map())
          .build());
      parser.parse(body, listener);
      listener.onClose();
    } catch (IOException e) {
      listener.onError(new UncheckedIOException(e));
    } catch (RuntimeException e) {
      listener.onError(e);
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
      throw new UnsupportedOperationException("Steward's model client does not send multipart forms");
    }
    java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> {
      if (values != null) {
        values.forEach(value -> builder.header(name, value));
      }
    });
    java.net.http.HttpRequest.BodyPublisher body =
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
    builder.method(request.method().name(), body);
    if (readTimeout != null) {
      builder.timeout(readTimeout);
    }
    return builder.build();
  }
}
