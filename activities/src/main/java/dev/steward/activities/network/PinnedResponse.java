package dev.steward.activities.network;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response a {@link PinnedHttpClient} received, in the JDK's shape. */
record PinnedResponse<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body, HttpClient.Version version)
    implements HttpResponse<T> {

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return Optional.empty();
  }

  @Override
  public URI uri() {
    return request.uri();
  }
}
