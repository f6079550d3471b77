package dev.steward.bench;

import dev.steward.cli.BoundedLockEvents;
import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server in real time, with sticky execution (as a real server has it) and
 * Steward's search attributes: either in this JVM over an in-process channel, or on a TCP port.
 */
public final class BenchServer implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;
  private final String inProcessName;

  private BenchServer(TestServicesStarter services, Server server, String inProcessName) {
    this.services = services;
    this.server = server;
    this.inProcessName = inProcessName;
  }

  /** A server reached by in-process channels ({@link #newInProcessChannel()}), no sockets. */
  public static BenchServer inProcess() {
    String name = "steward-bench-" + System.nanoTime();
    return start(InProcessServerBuilder.forName(name), name);
  }

  /** A server on {@code 127.0.0.1:port}; 0 picks a free port. */
  public static BenchServer onPort(int port) {
    return start(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)), null);
  }

  private static BenchServer start(ServerBuilder<?> builder, String inProcessName) {
    // true locks time skipping: timers run in real time, as they do for agents.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    // As the embedded server does: without it each server call scans every time lock ever taken.
    if (!BoundedLockEvents.install(services)) {
      System.err.println("bench: the test server's lock events are not where 1.38 keeps them; left unbounded");
    }
    try {
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      BenchServer started = new BenchServer(services, builder.build().start(), inProcessName);
      started.registerSearchAttributes();
      return started;
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
  }

  /** A new channel to this in-process server. */
  public ManagedChannel newInProcessChannel() {
    return InProcessChannelBuilder.forName(inProcessName).directExecutor().build();
  }

  public boolean isInProcess() {
    return inProcessName != null;
  }

  /** A bench-only look into this server's clock (null if it cannot be had); see {@link TimeLockProbe}. */
  TimeLockProbe timeLockProbe() {
    return TimeLockProbe.of(services);
  }

  /** {@code 127.0.0.1:port} of a TCP server. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private void registerSearchAttributes() {
    register(isInProcess() ? newInProcessChannel() : null, isInProcess() ? null : address());
  }

  /** Adds Steward's search attributes to the {@code default} namespace of the server at {@code address}. */
  public static void registerSearchAttributes(String address) {
    register(null, address);
  }

  private static void register(ManagedChannel channel, String address) {
    OperatorServiceStubsOptions.Builder options = OperatorServiceStubsOptions.newBuilder();
    if (channel != null) {
      options.setChannel(channel);
    } else {
      options.setTarget(address);
    }
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(options.validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request = AddSearchAttributesRequest.newBuilder().setNamespace("default");
      SearchAttributeNames.ALL.forEach(key -> request.putSearchAttributes(key.getName(), key.getValueType()));
      stubs.blockingStub().addSearchAttributes(request.build());
    } finally {
      stubs.shutdownNow();
      if (channel != null) {
        channel.shutdownNow();
      }
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
