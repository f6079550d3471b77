package dev.steward.gateway;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.steward.workflows.agent.AgentInput;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Establishes the {@link Caller} of every AgentService call: with API keys configured, the
 * {@code authorization: Bearer <key>} header must name a known key (else UNAUTHENTICATED, without
 * saying which part was wrong); with none, everyone is tenant {@code default}.
 */
final class CallerInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "bearer ";

  private final ApiKeys keys;

  CallerInterceptor(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<String> tenant = keys.enabled() ? keys.tenantOf(bearer(headers.get(AUTHORIZATION)))
        : Optional.of(AgentInput.DEFAULT_TENANT);
    if (tenant.isEmpty()) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "a valid API key is required: send 'authorization: Bearer <key>'"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Caller caller = new Caller(tenant.get(), deadlineNanos());
    return Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
  }

  /** Armeria turns the client's {@code grpc-timeout} into the request timeout; 0 means none. */
  private static long deadlineNanos() {
    ServiceRequestContext ctx = ServiceRequestContext.currentOrNull();
    long millis = ctx == null ? 0 : ctx.requestTimeoutMillis();
    return millis <= 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private static String bearer(String header) {
    if (header == null || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).strip();
  }
}
