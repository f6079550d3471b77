package dev.steward.worker;

import dev.steward.activities.context.ModelContextHandoff;
import dev.steward.connection.telemetry.Tracing;
import dev.steward.worker.context.ModelContextHandoffInterceptor;
import dev.steward.worker.handlers.SharedHandlersInterceptor;
import dev.steward.worker.observe.StewardMeters;
import dev.steward.worker.observe.StewardWorkerInterceptor;
import io.temporal.client.WorkflowClient;
import dev.steward.payloads.BlobStores;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.util.ArrayList;
import java.util.List;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.worker.janitor.BlobJanitor;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Steward worker: polls one task queue and runs agent workflows and their model and tool
 * activities. Create it with {@link #create(WorkflowClient, WorkerSettings)} to share a client, or
 * {@link #connect(WorkerSettings)} to have it open (and later close) its own connection.
 *
 * <p>Any number of workers, in any number of processes, may poll the same task queue; a worker
 * that dies mid-step costs a retry, never the agent's state.
 */
public final class StewardWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StewardWorker.class);

  private final WorkerSettings settings;
  private final WorkerFactory factory;
  private final WorkflowServiceStubs ownedStubs;
  private boolean started;
  private boolean closed;

  private StewardWorker(WorkflowClient client, WorkerSettings settings, WorkflowServiceStubs ownedStubs,
      ModelContextHandoff handoff) {
    this.settings = settings;
    this.ownedStubs = ownedStubs;
    // One handoff for this worker's agents and its model activities: a model call this worker
    // scheduled and picks up itself needs no query for its context.
    // New agents' inputs decoded once per distinct payload (the SDK decodes each twice).
    this.factory = WorkerFactory.newInstance(SharedAgentInputs.forWorker(client), factoryOptions(settings, handoff));
    Worker worker = factory.newWorker(settings.taskQueue(), workerOptions(settings));
    StewardRegistrations.register(worker, settings, handoff);
    // Registered everywhere, started only when asked for (STEWARD_BLOB_RETENTION): see start().
    BlobJanitor.register(worker, BlobStores.fromEnvironment(System.getenv()));
  }

  /** A worker on an existing client; closing the worker leaves the client open. Not started yet. */
  public static StewardWorker create(WorkflowClient client, WorkerSettings settings) {
    return create(client, settings, contextHandoff());
  }

  /**
   * A worker on an existing client whose agents hand their model calls' contexts to its model
   * activities through {@code handoff} ({@link ModelContextHandoff#off()}: every call queries its
   * agent, as with {@value #CONTEXT_HANDOFF_VARIABLE}{@code =false}). Not started yet.
   */
  public static StewardWorker create(WorkflowClient client, WorkerSettings settings, ModelContextHandoff handoff) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(handoff, "handoff");
    return new StewardWorker(client, settings, null, handoff);
  }

  /**
   * A worker with its own connection, {@code settings.connection()} (TLS and API key included). The
   * connection is lazy: an unreachable server shows as retried polls, not as an error here. Not
   * started yet.
   *
   * @throws IllegalArgumentException when a TLS certificate or key cannot be read
   */
  public static StewardWorker connect(WorkerSettings settings) {
    Objects.requireNonNull(settings, "settings");
    WorkflowServiceStubs stubs = settings.connection().newWorkflowServiceStubs();
    WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(settings.namespace())
        // The same converter as every client, so large payloads written here can be read there.
        .setDataConverter(StewardDataConverter.fromEnvironment())
        .setInterceptors(Tracing.clientInterceptors());
    if (settings.identity() != null) {
      options.setIdentity(settings.identity());
    }
    WorkflowClient client = WorkflowClient.newInstance(stubs, options.build());
    return new StewardWorker(client, settings, stubs, contextHandoff());
  }

  /**
   * Environment variable that turns the context handoff off ({@code false}): every model call then
   * reads its context by the {@code modelContext} query, as a model call that another worker
   * scheduled always does. On by default; for comparisons (docs/BENCHMARKS.md).
   */
  public static final String CONTEXT_HANDOFF_VARIABLE = "STEWARD_CONTEXT_HANDOFF";

  /** A new handoff with the default bounds, or one that keeps nothing when the variable says {@code false}. */
  static ModelContextHandoff contextHandoff() {
    String value = System.getenv(CONTEXT_HANDOFF_VARIABLE);
    return value != null && value.trim().equalsIgnoreCase("false") ? ModelContextHandoff.off() : new ModelContextHandoff();
  }

  /** Starts polling. Calling it twice does nothing. */
  public synchronized StewardWorker start() {
    if (!started) {
      factory.start();
      started = true;
      startBlobJanitor();
      // describe() names TLS and whether an API key is used, never the key.
      log.info("Steward worker polling task queue '{}' at {}{}; model limits {}", settings.taskQueue(),
          settings.connection().describe(), usesVirtualWorkflowThreads() ? " (virtual workflow threads)" : "",
          settings.modelLimits());
    }
    return this;
  }

  /** Starts the blob janitor when STEWARD_BLOB_RETENTION asks for it; a server that is not there yet only logs. */
  private void startBlobJanitor() {
    var env = System.getenv();
    var retention = BlobJanitor.retention(env);
    if (retention.isEmpty()) {
      return;
    }
    java.time.Duration interval = BlobJanitor.interval(env);
    try {
      BlobJanitor.ensureRunning(factory.getWorkflowClient(), settings.taskQueue(), retention.get(), interval);
      log.info("Blob janitor: blobs no running workflow refers to are removed {} after their last write",
          retention.get());
    } catch (RuntimeException e) {
      log.warn("Blob janitor not started ({}); the next worker to start tries again", e.getMessage());
    }
  }

  /** The settings this worker runs with. */
  public WorkerSettings settings() {
    return settings;
  }

  /** System property that turns virtual workflow threads off on JDK 21+ ({@code false}); for comparisons. */
  public static final String VIRTUAL_THREADS_PROPERTY = "steward.virtualWorkflowThreads";
  /** Environment variable with the same meaning; the system property wins. */
  public static final String VIRTUAL_THREADS_VARIABLE = "STEWARD_VIRTUAL_WORKFLOW_THREADS";

  /**
   * Whether the workflow threads are virtual: true on JDK 21 and later unless {@value
   * #VIRTUAL_THREADS_PROPERTY} (or {@value #VIRTUAL_THREADS_VARIABLE}) is {@code false}; never
   * before JDK 21, where they do not exist.
   */
  public static boolean usesVirtualWorkflowThreads() {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    String value = System.getProperty(VIRTUAL_THREADS_PROPERTY, System.getenv(VIRTUAL_THREADS_VARIABLE));
    return value == null || !value.trim().equalsIgnoreCase("false");
  }

  /**
   * Stops polling, waits up to {@link WorkerSettings#shutdownGrace()} for running activities, then
   * interrupts what is left (Temporal retries those on another worker) and closes an owned connection.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    factory.shutdown();
    try {
      // awaitTermination swallows interrupts and returns early; isTerminated tells what happened.
      factory.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
      if (!factory.isTerminated()) {
        factory.shutdownNow();
        factory.awaitTermination(2, TimeUnit.SECONDS);
      }
    } finally {
      if (ownedStubs != null) {
        ownedStubs.shutdownNow();
      }
    }
  }

  /** The factory's options without a context handoff (every model call queries); for tests. */
  static WorkerFactoryOptions factoryOptions(WorkerSettings settings) {
    return factoryOptions(settings, ModelContextHandoff.off());
  }

  static WorkerFactoryOptions factoryOptions(WorkerSettings settings, ModelContextHandoff handoff) {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(settings.workflowCacheSize())
        // Every cached agent may hold a thread while it waits; keep room for all of them.
        .setMaxWorkflowThreadCount(Math.max(600, settings.workflowCacheSize() * 2))
        // Virtual threads make thousands of idle agents cheap; they exist from JDK 21 on.
        .setUsingVirtualWorkflowThreads(usesVirtualWorkflowThreads())
        .setWorkerInterceptors(interceptors(handoff))
        .build();
  }

  /**
   * The shared-handlers interceptor first (the first to see the SDK register a workflow's handlers, so
   * every cached agent shares one set of registrations), then the blob-failure interceptor (a blob this
   * worker cannot read fails its activity at once, naming the blob and the store), then Steward's
   * observer, then Temporal's tracing interceptor when tracing is on: the SDK wraps them in this order,
   * so the tracing one is outermost and the observer sees its spans and the blob failures. The context
   * handoff's interceptor may sit anywhere after the first: it only reads the agent's state.
   */
  static WorkerInterceptor[] interceptors(ModelContextHandoff handoff) {
    List<WorkerInterceptor> all = new ArrayList<>();
    all.add(new SharedHandlersInterceptor());
    all.add(new BlobFailureInterceptor());
    all.add(new StewardWorkerInterceptor(StewardMeters.process()));
    all.add(new ModelContextHandoffInterceptor(handoff));
    Tracing.workerInterceptor().ifPresent(all::add);
    return all.toArray(new WorkerInterceptor[0]);
  }

  /** The longest a streaming model reply waits before its partial text is visible to clients. */
  static final java.time.Duration PARTIAL_REPLY_INTERVAL = java.time.Duration.ofMillis(500);

  /**
   * Workflow-task pollers: half the workflow-task slots, at least the SDK's 5. With only 5, a burst of
   * agents' steps backs up on the server; the Java test server then hands out its backlog newest
   * first (a heap with one priority), so a few steps wait for seconds while later ones pass (the
   * gateway's Ask p99 was 20x its p50; docs/BENCHMARKS.md, "Where the tail came from"). Enough
   * pollers keep that backlog on the worker, where it is served in order.
   */
  static int workflowTaskPollers(WorkerSettings settings) {
    return Math.max(5, settings.maxConcurrentWorkflowTasks() / 2);
  }

  /** Activity pollers: a quarter of the activity slots, at least the SDK's 5; same reason as above. */
  static int activityTaskPollers(WorkerSettings settings) {
    return Math.max(5, settings.maxConcurrentActivities() / 4);
  }

  static WorkerOptions workerOptions(WorkerSettings settings) {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
        .setMaxConcurrentWorkflowTaskExecutionSize(settings.maxConcurrentWorkflowTasks())
        .setMaxConcurrentWorkflowTaskPollers(workflowTaskPollers(settings))
        .setMaxConcurrentActivityTaskPollers(activityTaskPollers(settings))
        // Partial model replies travel as heartbeat details; this is how stale a watcher's view may be.
        .setMaxHeartbeatThrottleInterval(PARTIAL_REPLY_INTERVAL)
        .setDefaultDeadlockDetectionTimeout(settings.deadlockDetectionTimeout().toMillis())
        .build();
  }
}
