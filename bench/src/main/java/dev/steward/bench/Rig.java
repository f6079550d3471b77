package dev.steward.bench;

import dev.steward.client.AgentClient;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.internal.worker.WorkflowExecutorCache;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one bench run drives, in this JVM: a Steward worker and a plain-Temporal worker with
 * the same settings on one connection (the "worker" stubs), and Steward's client and a plain
 * Temporal client on another (the "client" stubs). Each set of stubs counts its calls.
 */
public final class Rig implements AutoCloseable {

  static final String STEWARD_QUEUE = "bench-steward";
  static final String PLAIN_QUEUE = "bench-plain";

  /** The task queue of this rig's Steward worker. */
  final String stewardQueue;
  /** The task queue of this rig's plain worker. */
  final String plainQueue;

  final CallCounter workerCalls = new CallCounter();
  final CallCounter clientCalls = new CallCounter();
  final PhaseClock phaseClock = new PhaseClock();
  final TaskClock taskClock = new TaskClock(phaseClock);
  final String transport;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final WorkflowServiceStubs workerStubs;
  private final WorkflowServiceStubs clientStubs;
  final WorkflowClient plainClient;
  final AgentClient agents;
  private final StewardWorker stewardWorker;
  private final WorkerFactory plainFactory;

  /**
   * @param server an in-process server, or null to connect to {@code address}
   * @param address {@code host:port} of a server in another process when {@code server} is null
   */
  Rig(BenchServer server, String address, String transport) {
    this(server, address, transport, WorkerSettings.DEFAULT_WORKFLOW_CACHE_SIZE);
  }

  /** A rig whose two workers each cache up to {@code cacheSize} workflows. */
  Rig(BenchServer server, String address, String transport, int cacheSize) {
    this(server, address, transport, cacheSize, "");
  }

  /**
   * A rig whose task queues end in {@code queueSuffix}: a rig per round on a server that outlives
   * the round polls queues of its own, so no task of an earlier round reaches it.
   */
  Rig(BenchServer server, String address, String transport, int cacheSize, String queueSuffix) {
    this(server, address, transport, cacheSize, queueSuffix, null);
  }

  /**
   * A rig over TCP whose workers name themselves {@code workerIdentity}: the embedded server keeps
   * sticky execution only for the identity it gives the worker in its own process.
   */
  Rig(String address, String workerIdentity) {
    this(null, address, "tcp", WorkerSettings.DEFAULT_WORKFLOW_CACHE_SIZE, "", workerIdentity);
  }

  private Rig(BenchServer server, String address, String transport, int cacheSize, String queueSuffix,
      String workerIdentity) {
    this.transport = transport;
    this.stewardQueue = STEWARD_QUEUE + queueSuffix;
    this.plainQueue = PLAIN_QUEUE + queueSuffix;
    workerStubs = stubs(server, address, List.of(workerCalls, taskClock));
    clientStubs = stubs(server, address, List.of(clientCalls));
    WorkflowClientOptions.Builder workerOptions =
        WorkflowClientOptions.newBuilder().setDataConverter(StewardDataConverter.fromEnvironment());
    if (workerIdentity != null) {
      workerOptions.setIdentity(workerIdentity);
    }
    WorkflowClient workerClient = WorkflowClient.newInstance(workerStubs, workerOptions.build());
    plainClient = WorkflowClient.newInstance(clientStubs,
        WorkflowClientOptions.newBuilder().setDataConverter(StewardDataConverter.fromEnvironment()).build());
    WorkerSettings settings = WorkerSettings.defaults().withTaskQueue(stewardQueue).withWorkflowCacheSize(cacheSize);
    stewardWorker = StewardWorker.create(workerClient, settings).start();
    plainFactory = WorkerFactory.newInstance(workerClient, sameFactoryOptions(settings));
    io.temporal.worker.Worker plain = plainFactory.newWorker(plainQueue, WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
        .setMaxConcurrentWorkflowTaskExecutionSize(settings.maxConcurrentWorkflowTasks())
        .build());
    plain.registerWorkflowImplementationTypes(PlainAgentImpl.class);
    plain.registerActivitiesImplementations(new PlainActivitiesImpl());
    plainFactory.start();
    agents = new AgentClient(plainClient, stewardQueue);
  }

  /** The options Steward's worker uses (cache, threads, virtual threads), for the plain worker too. */
  private static WorkerFactoryOptions sameFactoryOptions(WorkerSettings settings) {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(settings.workflowCacheSize())
        .setMaxWorkflowThreadCount(Math.max(600, settings.workflowCacheSize() * 2))
        .setUsingVirtualWorkflowThreads(StewardWorker.usesVirtualWorkflowThreads())
        .build();
  }

  private WorkflowServiceStubs stubs(BenchServer server, String address, List<ClientInterceptor> interceptors) {
    WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
        .setGrpcClientInterceptors(interceptors);
    if (server != null) {
      ManagedChannel channel = server.newInProcessChannel();
      channels.add(channel);
      options.setChannel(channel);
    } else {
      options.setTarget(address);
    }
    return WorkflowServiceStubs.newServiceStubs(options.build());
  }

  /** Drops every agent from the Steward worker's cache: their next step replays their history. */
  void evictStewardAgents() {
    cache(stewardFactory()).invalidateAll();
  }

  /** Drops every plain workflow from the plain worker's cache. */
  void evictPlainWorkflows() {
    cache(plainFactory).invalidateAll();
  }

  int stewardCached() {
    return cache(stewardFactory()).getCurrentCacheSize();
  }

  int plainCached() {
    return cache(plainFactory).getCurrentCacheSize();
  }

  // The SDK has no public way to evict one workflow; the bench reaches into the factory's cache.
  private WorkerFactory stewardFactory() {
    try {
      Field field = StewardWorker.class.getDeclaredField("factory");
      field.setAccessible(true);
      return (WorkerFactory) field.get(stewardWorker);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the Steward worker's factory", e);
    }
  }

  private static WorkflowExecutorCache cache(WorkerFactory factory) {
    try {
      Method method = WorkerFactory.class.getDeclaredMethod("getCache");
      method.setAccessible(true);
      return (WorkflowExecutorCache) method.invoke(factory);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the worker's workflow cache", e);
    }
  }

  @Override
  public void close() {
    agents.close();
    stewardWorker.close();
    plainFactory.shutdown();
    // Pollers end before their channel does: no "channel shut down" warnings at every round's end.
    plainFactory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    workerStubs.shutdownNow();
    clientStubs.shutdownNow();
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
