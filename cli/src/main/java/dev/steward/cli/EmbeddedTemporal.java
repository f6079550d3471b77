package dev.steward.cli;

import dev.steward.worker.WorkerSettings;
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
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server, run inside this process on a TCP port, in real time (never time
 * skipping: that would end waiting agents at once). It keeps everything in memory, so its agents
 * end with the process; it is for development and one-shot runs, not for production.
 *
 * <p>It is assembled like {@code io.temporal.testserver.TestServer.createPortBoundServer} with two
 * differences: it binds to the loopback interface by default (the server has no authentication),
 * and it keeps sticky execution only for the worker in its own process (see {@link
 * StickyOnlyInProcess}), so that an agent whose worker dies carries on with the next worker, as on a
 * real server, while the worker beside it keeps its agents in memory between their steps.
 */
public final class EmbeddedTemporal implements LocalTemporalServer {

  /** The loopback address, the default bind address. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Below this, ports are often fixed for well-known services; {@link #freePort()} stays above. */
  private static final int FIXED_PORTS_FROM = 10_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private final TestServicesStarter services;
  private final Server server;
  private final String host;
  private final int port;
  private final String inProcessWorker;

  private EmbeddedTemporal(TestServicesStarter services, Server server, String host, int port,
      String inProcessWorker) {
    this.services = services;
    this.server = server;
    this.host = host;
    this.port = port;
    this.inProcessWorker = inProcessWorker;
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
    // The SDK's default identity (pid@host) with a name of this server's own: two servers in one
    // process each know their worker, and no other worker is taken for it.
    String inProcessWorker = ManagementFactory.getRuntimeMXBean().getName() + "/embedded-"
        + UUID.randomUUID().toString().substring(0, 8);
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bindHost), port);
      ServerBuilder<?> builder = NettyServerBuilder.forAddress(address, credentials);
      List<ServerInterceptor> all = new ArrayList<>(interceptors);
      all.add(new StickyOnlyInProcess(inProcessWorker));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, all);
      Server server = builder.build().start();
      return new EmbeddedTemporal(services, server, bindHost, server.getPort(), inProcessWorker);
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

  /**
   * The settings with the identity by which this server knows the worker in its own process, the
   * one worker it keeps sticky execution for. Only for a worker that stops before the server does:
   * an agent waits for ever on a stopped sticky worker here (see {@link StickyOnlyInProcess}).
   */
  @Override
  public WorkerSettings forInProcessWorker(WorkerSettings settings) {
    return settings.withIdentity(inProcessWorker);
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

  /**
   * A port that was free a moment ago on loopback, for a server that another process will bind.
   * Picked below the kernel's ephemeral range, with room for the dev server's Web UI at +1000: a
   * port from that range may be taken meanwhile by any outgoing connection on the machine. Never the
   * same port twice in this process.
   */
  public static int freePort() {
    int ephemeralLow = ephemeralPortsFrom();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ephemeralLow > FIXED_PORTS_FROM + 2000
          ? ThreadLocalRandom.current().nextInt(FIXED_PORTS_FROM, ephemeralLow - 1000) : 0;
      try (ServerSocket socket = new ServerSocket(port, 0, InetAddress.getByName(LOOPBACK))) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException taken) {
        // Another one.
      }
    }
    throw new UncheckedIOException(new IOException("no free port found on " + LOOPBACK));
  }

  /** The first port of the kernel's ephemeral range (Linux), or 32768, the common default. */
  private static int ephemeralPortsFrom() {
    try {
      return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException unknown) {
      return 32_768;
    }
  }
}
