package dev.steward.activities.model.http;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/**
 * Builds {@link ProviderHttpClient}s over one shared JDK client, so building a LangChain4j model
 * per call costs no new connection pool or selector thread. The shared client's connect timeout
 * applies; {@link #readTimeout} becomes each request's timeout.
 */
public final class ProviderHttpClientBuilder implements HttpClientBuilder {

  private final java.net.http.HttpClient jdk;
  private Duration connectTimeout;
  private Duration readTimeout;

  public ProviderHttpClientBuilder(java.net.http.HttpClient jdk) {
    this.jdk = jdk;
  }

  @Override
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Recorded for LangChain4j's benefit; the shared JDK client's own connect timeout is used. */
  @Override
  public ProviderHttpClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = timeout;
    return this;
  }

  @Override
  public Duration readTimeout() {
    return readTimeout;
  }

  @Override
  public ProviderHttpClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = timeout;
    return this;
  }

  @Override
  public ProviderHttpClient build() {
    return new ProviderHttpClient(jdk, readTimeout);
  }
}
