package dev.steward.worker;

import dev.steward.activities.model.limits.ModelLimits;
import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import dev.steward.network.NetworkPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a Steward worker connects and how much work it takes on at once.
 *
 * @param connection how to reach Temporal: address (default {@value #DEFAULT_ADDRESS}), namespace
 *     (default {@value #DEFAULT_NAMESPACE}), TLS, mTLS and API key; from the {@code TEMPORAL_*}
 *     variables and the TOML profile in {@link #fromEnvironment()} (see {@link TemporalConnections})
 * @param taskQueue the task queue agents run on; default {@value #DEFAULT_TASK_QUEUE}
 *     (env {@code STEWARD_TASK_QUEUE})
 * @param maxConcurrentActivities model and tool calls running at the same time in this process;
 *     default {@value #DEFAULT_MAX_CONCURRENT_ACTIVITIES}. Most of them wait on the network, so this
 *     can be far above the core count.
 * @param maxConcurrentWorkflowTasks workflow tasks (agent decision steps) processed at the same time;
 *     default {@value #DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS}
 * @param workflowCacheSize agents kept in memory between their steps, so that a step does not
 *     replay the whole history; default {@value #DEFAULT_WORKFLOW_CACHE_SIZE} (the SDK's default)
 * @param shutdownGrace how long {@code close()} waits for running activities before it interrupts
 *     them; default 10 seconds
 * @param modelLimits per-model limits on this worker's model calls: calls at once and calls started
 *     per second, by model label ({@code openai/gpt-4.1}), provider ({@code openai/*}) or for all
 *     ({@code *}); default {@value ModelLimits#DEFAULT_RULE}: 16 calls to each model at once, no rate
 *     limit (env {@code STEWARD_MODEL_LIMITS}, e.g.
 *     {@code openai/gpt-4.1=concurrency:4,rps:2;anthropic/*=concurrency:2}; see docs/PROVIDERS.md,
 *     "Rate limits"). {@code maxConcurrentActivities} still bounds all calls together.
 * @param deadlockDetectionTimeout how long one workflow task may run without yielding before the SDK
 *     reports a deadlock; default {@value #DEFAULT_DEADLOCK_DETECTION_SECONDS} s (env {@code
 *     STEWARD_DEADLOCK_DETECTION_SECONDS}). The SDK's own 1 s fires on a CPU-starved machine, where
 *     no workflow code is at fault; agent code never blocks, so a longer wait costs nothing.
 * @param allowPrivateNetwork whether model endpoints ({@code base_url}) and MCP servers over HTTP named
 *     in agent specs may be on loopback, private, link-local and the other special ranges the network
 *     policy refuses; default false (env {@code STEWARD_ALLOW_PRIVATE_NETWORK=true}: a worker serving
 *     local models such as Ollama). HTTP tools keep their own {@code allow_private}.
 * @param identity how this worker names itself to Temporal (in histories and the Web UI); default
 *     the SDK's, {@code pid@host}; for {@link StewardWorker#connect} (a worker made from a client
 *     takes the client's). The embedded server keeps sticky execution only for the worker in its own
 *     process, which it knows by this name (see {@code EmbeddedTemporal}).
 */
public record WorkerSettings(
    TemporalConnection connection,
    String taskQueue,
    int maxConcurrentActivities,
    int maxConcurrentWorkflowTasks,
    int workflowCacheSize,
    Duration shutdownGrace,
    ModelLimits modelLimits,
    Duration deadlockDetectionTimeout,
    boolean allowPrivateNetwork,
    String identity) {

  public static final int DEFAULT_DEADLOCK_DETECTION_SECONDS = 10;
  public static final String DEADLOCK_DETECTION_VARIABLE = "STEWARD_DEADLOCK_DETECTION_SECONDS";
  public static final String DEFAULT_ADDRESS = TemporalConnection.DEFAULT_ADDRESS;
  public static final String DEFAULT_NAMESPACE = TemporalConnection.DEFAULT_NAMESPACE;
  public static final String DEFAULT_TASK_QUEUE = "steward";
  public static final int DEFAULT_MAX_CONCURRENT_ACTIVITIES = 100;
  public static final int DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS = 50;
  public static final int DEFAULT_WORKFLOW_CACHE_SIZE = 600;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** Fills blanks and non-positive numbers with the defaults. */
  public WorkerSettings {
    connection = connection == null ? TemporalConnection.defaults() : connection;
    taskQueue = blankTo(taskQueue, DEFAULT_TASK_QUEUE);
    maxConcurrentActivities = maxConcurrentActivities > 0 ? maxConcurrentActivities : DEFAULT_MAX_CONCURRENT_ACTIVITIES;
    maxConcurrentWorkflowTasks =
        maxConcurrentWorkflowTasks > 0 ? maxConcurrentWorkflowTasks : DEFAULT_MAX_CONCURRENT_WORKFLOW_TASKS;
    workflowCacheSize = workflowCacheSize > 0 ? workflowCacheSize : DEFAULT_WORKFLOW_CACHE_SIZE;
    shutdownGrace = shutdownGrace == null || shutdownGrace.isNegative() ? DEFAULT_SHUTDOWN_GRACE : shutdownGrace;
    modelLimits = modelLimits == null ? ModelLimits.DEFAULTS : modelLimits;
    deadlockDetectionTimeout = deadlockDetectionTimeout == null || deadlockDetectionTimeout.isNegative()
        || deadlockDetectionTimeout.isZero() ? Duration.ofSeconds(DEFAULT_DEADLOCK_DETECTION_SECONDS)
        : deadlockDetectionTimeout;
    identity = identity == null || identity.isBlank() ? null : identity;
  }

  /** Every setting at its default. */
  public static WorkerSettings defaults() {
    return new WorkerSettings(null, null, 0, 0, 0, null, null, null, false, null);
  }

  /**
   * Defaults, overridden by the connection's {@code TEMPORAL_*} variables and TOML profile, {@code
   * STEWARD_TASK_QUEUE} and {@code STEWARD_MODEL_LIMITS}.
   *
   * @throws IllegalArgumentException when {@code STEWARD_MODEL_LIMITS} or the TOML profile cannot be
   *     read; the message names the variable or file and the part that is wrong
   */
  public static WorkerSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Like {@link #fromEnvironment()}, reading from the given map (for tests). */
  public static WorkerSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    return fromEnvironment(env, TemporalConnections.fromEnvironment(env));
  }

  /**
   * Like {@link #fromEnvironment(Map)} with a connection resolved elsewhere (e.g. from command-line
   * flags), so that the variables do not decide it a second time.
   */
  public static WorkerSettings fromEnvironment(Map<String, String> env, TemporalConnection connection) {
    Objects.requireNonNull(env, "env");
    return new WorkerSettings(connection, env.get("STEWARD_TASK_QUEUE"), 0, 0, 0, null,
        ModelLimits.parse(env.get(ModelLimits.VARIABLE)), seconds(env, DEADLOCK_DETECTION_VARIABLE),
        NetworkPolicy.allowed(env.get(NetworkPolicy.ALLOW_PRIVATE_VARIABLE)), null);
  }

  /** The Temporal frontend, {@code host:port}. */
  public String address() {
    return connection.address();
  }

  public String namespace() {
    return connection.namespace();
  }

  public WorkerSettings withConnection(TemporalConnection value) {
    return new WorkerSettings(value, taskQueue, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, modelLimits, deadlockDetectionTimeout, allowPrivateNetwork, identity);
  }

  /** The same connection (TLS and credentials kept) to another address. */
  public WorkerSettings withAddress(String value) {
    return withConnection(connection.withAddress(value));
  }

  public WorkerSettings withNamespace(String value) {
    return withConnection(connection.withNamespace(value));
  }

  public WorkerSettings withTaskQueue(String value) {
    return new WorkerSettings(connection, value, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, modelLimits, deadlockDetectionTimeout, allowPrivateNetwork, identity);
  }

  public WorkerSettings withMaxConcurrentActivities(int value) {
    return new WorkerSettings(connection, taskQueue, value, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, modelLimits, deadlockDetectionTimeout, allowPrivateNetwork, identity);
  }

  /** Agents kept in memory between their steps (the bench's idle-agents run caches 10,000). */
  public WorkerSettings withWorkflowCacheSize(int value) {
    return new WorkerSettings(connection, taskQueue, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        value, shutdownGrace, modelLimits, deadlockDetectionTimeout, allowPrivateNetwork, identity);
  }

  public WorkerSettings withModelLimits(ModelLimits value) {
    return new WorkerSettings(connection, taskQueue, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, value, deadlockDetectionTimeout, allowPrivateNetwork, identity);
  }

  public WorkerSettings withAllowPrivateNetwork(boolean value) {
    return new WorkerSettings(connection, taskQueue, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, modelLimits, deadlockDetectionTimeout, value, identity);
  }

  public WorkerSettings withIdentity(String value) {
    return new WorkerSettings(connection, taskQueue, maxConcurrentActivities, maxConcurrentWorkflowTasks,
        workflowCacheSize, shutdownGrace, modelLimits, deadlockDetectionTimeout, allowPrivateNetwork, value);
  }

  /** A whole number of seconds from a variable, or null when it is unset. */
  private static Duration seconds(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds < 1 || seconds > 3600) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a whole number of seconds from 1 to 3600, got '"
          + value + "'");
    }
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
