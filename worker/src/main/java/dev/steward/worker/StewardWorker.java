package dev.steward.worker;

import io.temporal.client.WorkflowClient;
import dev.steward.payloads.StewardDataConverter;
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

  private StewardWorker(WorkflowClient client, WorkerSettings settings, WorkflowServiceStubs ownedStubs) {
    this.settings = settings;
    this.ownedStubs = ownedStubs;
    this.factory = WorkerFactory.newInstance(client, factoryOptions(settings));
    Worker worker = factory.newWorker(settings.taskQueue(), workerOptions(settings));
    StewardRegistrations.register(worker, settings);
  }

  /** A worker on an existing client; closing the worker leaves the client open. Not started yet. */
  public static StewardWorker create(WorkflowClient client, WorkerSettings settings) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(settings, "settings");
    return new StewardWorker(client, settings, null);
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
    WorkflowClient client = WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace())
            // The same converter as every client, so large payloads written here can be read there.
            .setDataConverter(StewardDataConverter.fromEnvironment())
            .build());
    return new StewardWorker(client, settings, stubs);
  }

  /** Starts polling. Calling it twice does nothing. */
  public synchronized StewardWorker start() {
    if (!started) {
      factory.start();
      started = true;
      // describe() names TLS and whether an API key is used, never the key.
      log.info("Steward worker polling task queue '{}' at {}{}; model limits {}", settings.taskQueue(),
          settings.connection().describe(), usesVirtualWorkflowThreads() ? " (virtual workflow threads)" : "",
          settings.modelLimits());
    }
    return this;
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

  static WorkerFactoryOptions factoryOptions(WorkerSettings settings) {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(settings.workflowCacheSize())
        // Every cached agent may hold a thread while it waits; keep room for all of them.
        .setMaxWorkflowThreadCount(Math.max(600, settings.workflowCacheSize() * 2))
        // Virtual threads make thousands of idle agents cheap; they exist from JDK 21 on.
        .setUsingVirtualWorkflowThreads(usesVirtualWorkflowThreads())
        .build();
  }

  /** The longest a streaming model reply waits before its partial text is visible to clients. */
  static final java.time.Duration PARTIAL_REPLY_INTERVAL = java.time.Duration.ofMillis(500);

  static WorkerOptions workerOptions(WorkerSettings settings) {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(settings.maxConcurrentActivities())
        .setMaxConcurrentWorkflowTaskExecutionSize(settings.maxConcurrentWorkflowTasks())
        // Partial model replies travel as heartbeat details; this is how stale a watcher's view may be.
        .setMaxHeartbeatThrottleInterval(PARTIAL_REPLY_INTERVAL)
        .setDefaultDeadlockDetectionTimeout(settings.deadlockDetectionTimeout().toMillis())
        .build();
  }
}
