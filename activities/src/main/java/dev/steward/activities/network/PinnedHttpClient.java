package dev.steward.activities.network;

import dev.steward.activities.DaemonTicker;
import dev.steward.network.Destination;
import dev.steward.network.RefusedDestinationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A {@link java.net.http.HttpClient} that can only reach one {@link Destination}, and only at the
 * addresses the network policy vetted: requests go through OkHttp, whose {@code Dns} hook answers
 * with those addresses and nothing else, so the name is never resolved again when connecting (no
 * DNS rebinding). URLs keep their host name, so TLS still sends it (SNI) and verifies the server's
 * certificate against it. No proxy, no redirects followed.
 *
 * <p>It is a JDK client so that everything built on the JDK client (the MCP SDK's transport,
 * Steward's model and tool HTTP code) can use it unchanged. Requests for another host fail with a
 * {@link RefusedDestinationException}. Cancelling a returned future cancels the exchange.
 */
public final class PinnedHttpClient extends HttpClient {

  // One pool and dispatcher for every pinned client. OkHttp may resend a request that never got an
  // answer (a stale pooled connection), but an answered one is final (see AnsweredOnceBody). A connection is reused only by a client with the
  // same Dns instance (OkHttp compares it), so never across destinations.
  private static final OkHttpClient BASE = new OkHttpClient.Builder()
      .proxy(Proxy.NO_PROXY)
      .followRedirects(false)
      .followSslRedirects(false)
      .addNetworkInterceptor(chain -> {
        Response response = chain.proceed(chain.request());
        if (chain.request().body() instanceof AnsweredOnceBody body) {
          body.answered();
        }
        return response;
      })
      .readTimeout(Duration.ZERO)
      .writeTimeout(Duration.ZERO)
      .build();
  private static final ExecutorService EXCHANGES = Executors.newCachedThreadPool(daemon("steward-pinned-http"));
  private static final ScheduledExecutorService DEADLINES = DaemonTicker.named("steward-pinned-http-deadline");

  private final Destination destination;
  private final Duration connectTimeout;
  private final OkHttpClient ok;

  /**
   * @param destination what the policy vetted; requests must be for its host
   * @param connectTimeout the most connecting may take
   */
  public PinnedHttpClient(Destination destination, Duration connectTimeout) {
    this.destination = destination;
    this.connectTimeout = connectTimeout;
    this.ok = BASE.newBuilder().dns(this::lookup).connectTimeout(connectTimeout).build();
  }

  /** The destination this client is pinned to. */
  public Destination destination() {
    return destination;
  }

  /** OkHttp's only way to learn an address: the vetted ones, for the vetted host alone. */
  private List<InetAddress> lookup(String host) throws UnknownHostException {
    if (!normalize(host).equals(destination.host())) {
      throw new UnknownHostException(host + " was not vetted by the network policy (only " + destination.host() + ")");
    }
    return destination.addresses();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<T>> pending = sendAsync(request, handler);
    try {
      return pending.get();
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause);
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(request, handler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
    Call call;
    try {
      String host = request.uri().getHost() == null ? "" : normalize(request.uri().getHost());
      if (!host.equals(destination.host())) {
        throw new RefusedDestinationException(RefusedDestinationException.Reason.PRIVATE,
            "this connection was vetted for " + destination.host() + ", not for " + request.uri().getHost());
      }
      call = ok.newCall(OkRequests.from(request));
    } catch (IOException | RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    result.whenComplete((response, error) -> {
      if (result.isCancelled()) {
        call.cancel();
      }
    });
    EXCHANGES.execute(() -> exchange(call, request, handler, result));
    return result;
  }

  /** Runs one exchange on a worker thread: the call, then the body into the handler's subscriber. */
  private <T> void exchange(Call call, HttpRequest request, HttpResponse.BodyHandler<T> handler,
      CompletableFuture<HttpResponse<T>> result) {
    AtomicBoolean timedOut = new AtomicBoolean();
    // As in the JDK client, the request timeout bounds the wait for the response headers.
    ScheduledFuture<?> deadline = request.timeout()
        .map(t -> DEADLINES.schedule(() -> {
          timedOut.set(true);
          call.cancel();
        }, t.toNanos(), TimeUnit.NANOSECONDS))
        .orElse(null);
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      result.completeExceptionally(timedOut.get() ? new HttpTimeoutException("request timed out") : unwrap(e));
      return;
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
    try (response) {
      HttpHeaders headers = HttpHeaders.of(response.headers().toMultimap(), (name, value) -> true);
      Version version = response.protocol() == Protocol.HTTP_2 ? Version.HTTP_2 : Version.HTTP_1_1;
      int status = response.code();
      HttpResponse.BodySubscriber<T> subscriber = handler.apply(new Info(status, headers, version));
      subscriber.getBody().whenComplete((body, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(new PinnedResponse<>(status, request, headers, body, version));
        }
      });
      new BodyPump(response.body().byteStream(), subscriber, call).run();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /** OkHttp reports a refused lookup as the UnknownHostException our Dns threw; say it as the policy. */
  private static IOException unwrap(IOException e) {
    if (e instanceof UnknownHostException && e.getMessage() != null && e.getMessage().contains("network policy")) {
      return new RefusedDestinationException(RefusedDestinationException.Reason.PRIVATE, e.getMessage());
    }
    if (e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
      return new HttpTimeoutException("request timed out");
    }
    return e;
  }

  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private record Info(int statusCode, HttpHeaders headers, Version version) implements HttpResponse.ResponseInfo {}

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.ofNullable(connectTimeout);
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public SSLParameters sslParameters() {
    return new SSLParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.of(EXCHANGES);
  }
}
