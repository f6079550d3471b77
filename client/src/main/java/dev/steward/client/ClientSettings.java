package dev.steward.client;

import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import java.util.Map;

/**
 * Where the client finds Temporal and the agents' workers. Null or blank values take the defaults.
 *
 * @param connection how to reach Temporal: address, namespace, TLS, API key; default
 *     {@link TemporalConnection#defaults()}, plain text to {@value #DEFAULT_ADDRESS}, namespace
 *     {@value #DEFAULT_NAMESPACE}
 * @param taskQueue the task queue Steward's workers poll; default {@value #DEFAULT_TASK_QUEUE}
 */
public record ClientSettings(TemporalConnection connection, String taskQueue) {

  public static final String DEFAULT_ADDRESS = TemporalConnection.DEFAULT_ADDRESS;
  public static final String DEFAULT_NAMESPACE = TemporalConnection.DEFAULT_NAMESPACE;
  public static final String DEFAULT_TASK_QUEUE = "steward";

  /** Environment variable for the address. */
  public static final String ADDRESS_VARIABLE = "TEMPORAL_ADDRESS";
  /** Environment variable for the namespace. */
  public static final String NAMESPACE_VARIABLE = "TEMPORAL_NAMESPACE";
  /** Environment variable for {@link #taskQueue}. */
  public static final String TASK_QUEUE_VARIABLE = "STEWARD_TASK_QUEUE";

  public ClientSettings {
    connection = connection == null ? TemporalConnection.defaults() : connection;
    taskQueue = taskQueue == null || taskQueue.isBlank() ? DEFAULT_TASK_QUEUE : taskQueue.strip();
  }

  /**
   * A plain-text connection (no TLS, no API key), e.g. to a local or embedded server.
   *
   * @param address Temporal's gRPC frontend as {@code host:port}; default {@value #DEFAULT_ADDRESS}
   * @param namespace the Temporal namespace; default {@value #DEFAULT_NAMESPACE}
   * @param taskQueue the task queue Steward's workers poll; default {@value #DEFAULT_TASK_QUEUE}
   */
  public ClientSettings(String address, String namespace, String taskQueue) {
    this(TemporalConnection.plain(address, namespace), taskQueue);
  }

  /** All defaults: {@code localhost:7233}, namespace {@code default}, task queue {@code steward}. */
  public static ClientSettings defaults() {
    return new ClientSettings((TemporalConnection) null, null);
  }

  /**
   * The connection from the {@code TEMPORAL_*} variables and the TOML profile (see
   * {@link TemporalConnections}), the task queue from {@code STEWARD_TASK_QUEUE}; defaults for the unset.
   */
  public static ClientSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Like {@link #fromEnvironment()}, reading the given variables instead of the process's. */
  public static ClientSettings fromEnvironment(Map<String, String> env) {
    return new ClientSettings(TemporalConnections.fromEnvironment(env), env.get(TASK_QUEUE_VARIABLE));
  }

  /** The Temporal frontend, {@code host:port}. */
  public String address() {
    return connection.address();
  }

  public String namespace() {
    return connection.namespace();
  }
}
