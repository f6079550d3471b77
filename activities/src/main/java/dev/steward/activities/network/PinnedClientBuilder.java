package dev.steward.activities.network;

import dev.steward.network.Destination;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK client builder that builds a {@link PinnedHttpClient}, for libraries that take a builder
 * (the MCP SDK's HTTP transport). Only the connect timeout is kept; proxies, redirects, cookies and
 * authenticators are ignored, since a pinned client never uses them.
 */
public final class PinnedClientBuilder implements HttpClient.Builder {

  private final Destination destination;
  private Duration connectTimeout;

  public PinnedClientBuilder(Destination destination, Duration connectTimeout) {
    this.destination = destination;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public HttpClient.Builder connectTimeout(Duration duration) {
    this.connectTimeout = duration;
    return this;
  }

  @Override
  public HttpClient build() {
    return new PinnedHttpClient(destination, connectTimeout);
  }

  @Override
  public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
    return this;
  }

  @Override
  public HttpClient.Builder sslContext(SSLContext sslContext) {
    return this;
  }

  @Override
  public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
    return this;
  }

  @Override
  public HttpClient.Builder executor(Executor executor) {
    return this;
  }

  @Override
  public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
    return this;
  }

  @Override
  public HttpClient.Builder version(HttpClient.Version version) {
    return this;
  }

  @Override
  public HttpClient.Builder priority(int priority) {
    return this;
  }

  @Override
  public HttpClient.Builder proxy(ProxySelector proxySelector) {
    return this;
  }

  @Override
  public HttpClient.Builder authenticator(Authenticator authenticator) {
    return this;
  }
}
