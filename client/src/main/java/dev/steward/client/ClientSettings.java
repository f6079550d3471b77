package dev.steward.client;

import java.util.Map;

/**
 * Where the client finds Temporal and the agents' workers. Null or blank values take the defaults.
 *
 * @param address Temporal's gRPC frontend as {@code host:port}; default {@value #DEFAULT_ADDRESS}
 * @param namespace the Temporal namespace; default {@value #DEFAULT_NAMESPACE}
 * @param taskQueue the task queue Steward's workers poll; default {@value #DEFAULT_TASK_QUEUE}
 */
public record ClientSettings(String address, String namespace, String taskQueue) {

  public static final String DEFAULT_ADDRESS = "localhost:7233";
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_TASK_QUEUE = "steward";

  /** Environment variable for {@link #address}. */
  public static final String ADDRESS_VARIABLE = "TEMPORAL_ADDRESS";
  /** Environment variable for {@link #namespace}. */
  public static final String NAMESPACE_VARIABLE = "TEMPORAL_NAMESPACE";
  /** Environment variable for {@link #taskQueue}. */
  public static final String TASK_QUEUE_VARIABLE = "STEWARD_TASK_QUEUE";

  public ClientSettings {
    address = orDefault(address, DEFAULT_ADDRESS);
    namespace = orDefault(namespace, DEFAULT_NAMESPACE);
    taskQueue = orDefault(taskQueue, DEFAULT_TASK_QUEUE);
  }

  /** All defaults: {@code localhost:7233}, namespace {@code default}, task queue {@code steward}. */
  public static ClientSettings defaults() {
    return new ClientSettings(null, null, null);
  }

  /** From {@code TEMPORAL_ADDRESS}, {@code TEMPORAL_NAMESPACE} and {@code STEWARD_TASK_QUEUE}, with defaults for the unset. */
  public static ClientSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** Like {@link #fromEnvironment()}, reading the given variables instead of the process's. */
  public static ClientSettings fromEnvironment(Map<String, String> env) {
    return new ClientSettings(env.get(ADDRESS_VARIABLE), env.get(NAMESPACE_VARIABLE), env.get(TASK_QUEUE_VARIABLE));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
