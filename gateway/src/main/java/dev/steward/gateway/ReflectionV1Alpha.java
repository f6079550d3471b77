package dev.steward.gateway;

import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.InternalServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server reflection under its older name, {@code grpc.reflection.v1alpha.ServerReflection}, beside
 * v1: older grpcurl, Postman and many IDE clients ask only for v1alpha.
 *
 * <p>Armeria wires up one reflection service (it gives it the list of services to describe) and
 * refuses a second. This one is added as a plain service definition instead, and gives grpc-java's
 * v1alpha implementation the same list itself: the gRPC services of the Armeria server that
 * received the call.
 */
final class ReflectionV1Alpha {

  private ReflectionV1Alpha() {}

  /** The v1alpha reflection service, ready for {@code GrpcServiceBuilder.addService}. */
  @SuppressWarnings("deprecation") // v1alpha is deprecated, and still what many clients ask for.
  static ServerServiceDefinition service() {
    return ServerInterceptors.intercept(ProtoReflectionService.newInstance(), new ServicesInContext());
  }

  /** Puts a read-only view of the server's gRPC services where grpc-java's reflection looks for it. */
  private static final class ServicesInContext implements ServerInterceptor {

    private volatile Server listing;

    @Override
    public <I, O> ServerCall.Listener<I> interceptCall(
        ServerCall<I, O> call, Metadata headers, ServerCallHandler<I, O> next) {
      Context context = Context.current().withValue(InternalServer.SERVER_CONTEXT_KEY, listing());
      return Contexts.interceptCall(context, call, headers, next);
    }

    /** Built once: an Armeria server's services do not change after it started. */
    private Server listing() {
      Server known = listing;
      if (known == null) {
        // One object per server, so reflection builds its index once (it keeps one per server object).
        known = new ServiceListing(services(ServiceRequestContext.currentOrNull()));
        listing = known;
      }
      return known;
    }

    private static List<ServerServiceDefinition> services(ServiceRequestContext ctx) {
      if (ctx == null) {
        return List.of();
      }
      // By name: the same service may be bound under several paths; reflection describes it once.
      Map<String, ServerServiceDefinition> byName = new LinkedHashMap<>();
      for (ServiceConfig config : ctx.config().server().serviceConfigs()) {
        GrpcService grpc = config.service().as(GrpcService.class);
        if (grpc != null) {
          grpc.services().forEach(s -> byName.putIfAbsent(s.getServiceDescriptor().getName(), s));
        }
      }
      return List.copyOf(byName.values());
    }
  }

  /** An {@link Server} that only lists services; reflection asks nothing else of it. */
  private static final class ServiceListing extends Server {

    private final List<ServerServiceDefinition> services;

    ServiceListing(List<ServerServiceDefinition> services) {
      this.services = services;
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
      return services;
    }

    @Override
    public List<ServerServiceDefinition> getImmutableServices() {
      return services;
    }

    @Override
    public List<ServerServiceDefinition> getMutableServices() {
      return List.of();
    }

    @Override
    public Server start() {
      throw new UnsupportedOperationException("a listing of services only");
    }

    @Override
    public Server shutdown() {
      throw new UnsupportedOperationException("a listing of services only");
    }

    @Override
    public Server shutdownNow() {
      throw new UnsupportedOperationException("a listing of services only");
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("a listing of services only");
    }

    @Override
    public void awaitTermination() {
      throw new UnsupportedOperationException("a listing of services only");
    }
  }
}
