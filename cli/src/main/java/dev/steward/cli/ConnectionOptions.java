package dev.steward.cli;

import dev.steward.client.ClientSettings;
import dev.steward.worker.WorkerSettings;
import picocli.CommandLine.Option;

/** Where the Temporal server is: shared by every command that talks to one. */
public final class ConnectionOptions {

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:TEMPORAL_ADDRESS:-localhost:7233}",
      description = "Temporal server address (env TEMPORAL_ADDRESS; default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--task-queue",
      paramLabel = "NAME",
      defaultValue = "${env:STEWARD_TASK_QUEUE:-steward}",
      description = "Task queue the agents run on (env STEWARD_TASK_QUEUE; default: ${DEFAULT-VALUE}).")
  String taskQueue;

  public String address() {
    return address;
  }

  public String namespace() {
    return namespace;
  }

  public String taskQueue() {
    return taskQueue;
  }

  ClientSettings clientSettings() {
    return clientSettings(address);
  }

  /** The client settings for another address, e.g. an embedded server's. */
  ClientSettings clientSettings(String otherAddress) {
    return new ClientSettings(otherAddress, namespace, taskQueue);
  }

  WorkerSettings workerSettings(String otherAddress) {
    return WorkerSettings.fromEnvironment().withAddress(otherAddress).withNamespace(namespace).withTaskQueue(taskQueue);
  }
}
