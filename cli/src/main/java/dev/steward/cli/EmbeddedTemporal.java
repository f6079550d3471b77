package dev.steward.cli;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server, run inside this process on a TCP port, in real time (never time
 * skipping: that would end waiting agents at once). It keeps everything in memory, so its agents
 * end with the process; it is for development and one-shot runs, not for production.
 *
 * <p>It is assembled like {@code io.temporal.testserver.TestServer.createPortBoundServer} with two
 * differences: it binds to the loopback interface by default (the server has no authentication),
 * and it turns off sticky execution (see {@link NoStickyExecution}) so that an agent whose worker
 * dies carries on with the next worker, as on a real server.
 */
public final class EmbeddedTemporal implements LocalTemporalServer {

  /** The loopback address, the default bind address. */
  public static final String LOOPBACK = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;
  private final String host;
  private final int port;

  private EmbeddedTemporal(TestServicesStarter services, Server server, String host, int port) {
    this.services = services;
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts a server on {@code bindHost:port}; port 0 picks a free one.
   *
   * @throws UncheckedIOException when the port is taken
   */
  public static EmbeddedTemporal start(String bindHost, int port) {
    return start(bindHost, port, InsecureServerCredentials.create(), List.of());
  }

  /**
   * Starts a server on {@code bindHost:port} with the given transport security (e.g. TLS, with or
   * without client certificates) and extra interceptors: how tests stand in for a secured cluster.
   *
   * @throws UncheckedIOException when the port is taken
   */
  public static EmbeddedTemporal start(String bindHost, int port, ServerCredentials credentials,
      List<ServerInterceptor> interceptors) {
    // true locks time skipping: timers fire in real time.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    BoundedLockEvents.install(services);
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bindHost), port);
      ServerBuilder<?> builder = NettyServerBuilder.forAddress(address, credentials);
      List<ServerInterceptor> all = new ArrayList<>(interceptors);
      all.add(new NoStickyExecution());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, all);
      Server server = builder.build().start();
      return new EmbeddedTemporal(services, server, bindHost, server.getPort());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot start the embedded Temporal server on " + bindHost + ":" + port
          + ": " + e.getMessage(), e);
    }
  }

  /** Starts a server on a free loopback port. */
  public static EmbeddedTemporal startOnFreePort() {
    return start(LOOPBACK, 0);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The address clients use, {@code host:port}; {@code localhost} when bound to loopback or all interfaces. */
  @Override
  public String address() {
    return LocalTemporalServer.clientHost(host) + ":" + port;
  }

  /** None: the Web UI comes with the real server ({@code temporal server start-dev}). */
  @Override
  public Optional<String> webUi() {
    return Optional.empty();
  }

  @Override
  public boolean durable() {
    return false;
  }

  /** Stops accepting calls, waits briefly for running ones, and drops all state. */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      services.close();
    }
  }

  /** A port that was free a moment ago on loopback. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
