package dev.steward.cli;

import dev.steward.client.ClientSettings;
import dev.steward.connection.ConnectionFlags;
import dev.steward.connection.TemporalConnection;
import dev.steward.connection.TemporalConnections;
import dev.steward.worker.WorkerSettings;
import picocli.CommandLine.Option;

/**
 * Where the Temporal server is and how to reach it: shared by every command that talks to one.
 * Flags win over the {@code TEMPORAL_*} variables, which win over the TOML profile; the names are the
 * {@code temporal} CLI's own.
 */
public final class ConnectionOptions {

  @Option(names = "--address", paramLabel = "HOST:PORT",
      description = "Temporal server address (env TEMPORAL_ADDRESS; default: " + TemporalConnection.DEFAULT_ADDRESS + ").")
  String address;

  @Option(names = "--namespace", paramLabel = "NAME",
      description = "Temporal namespace (env TEMPORAL_NAMESPACE; default: " + TemporalConnection.DEFAULT_NAMESPACE + ").")
  String namespace;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Temporal API key, sent as 'authorization: Bearer KEY'; turns TLS on (env TEMPORAL_API_KEY, which"
          + " keeps the key out of the process list). On an agent command with --gateway: the gateway's key (env"
          + " STEWARD_API_KEY).")
  String apiKey;

  @Option(names = "--tls", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Connect to Temporal over TLS; --tls=false turns it off even with an API key (env TEMPORAL_TLS;"
          + " default: on when an API key or a --tls-* option is given). On an agent command with --gateway: TLS to the"
          + " gateway.")
  Boolean tls;

  @Option(names = "--tls-cert-path", paramLabel = "FILE",
      description = "Client certificate (PEM) for mTLS (env TEMPORAL_TLS_CLIENT_CERT_PATH).")
  String tlsCertPath;

  @Option(names = "--tls-key-path", paramLabel = "FILE",
      description = "Private key (PEM) of the client certificate (env TEMPORAL_TLS_CLIENT_KEY_PATH).")
  String tlsKeyPath;

  @Option(names = "--tls-ca-path", paramLabel = "FILE",
      description = "CA certificate (PEM) that signed the server's certificate (env TEMPORAL_TLS_SERVER_CA_CERT_PATH;"
          + " default: the system's trusted CAs).")
  String tlsCaPath;

  @Option(names = "--tls-server-name", paramLabel = "NAME",
      description = "Name the server's certificate must carry, if not the address's host (env TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  @Option(names = "--tls-disable-host-verification", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
      description = "Trust any server certificate when no CA is given; for tests only (env"
          + " TEMPORAL_TLS_DISABLE_HOST_VERIFICATION).")
  Boolean tlsDisableHostVerification;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Profile in the TOML config file (env TEMPORAL_PROFILE; default: default).")
  String profile;

  @Option(names = "--config-file", paramLabel = "FILE",
      description = "TOML config file with the profiles (env TEMPORAL_CONFIG_FILE; default:"
          + " ~/.config/temporalio/temporal.toml).")
  String configFile;

  @Option(names = "--task-queue", paramLabel = "NAME", defaultValue = "${env:STEWARD_TASK_QUEUE:-steward}",
      description = "Task queue the agents run on (env STEWARD_TASK_QUEUE; default: ${DEFAULT-VALUE}).")
  String taskQueue;

  private TemporalConnection connection;

  /**
   * The connection these flags, the variables and the profile describe; resolved once.
   *
   * @throws UsageException when the config file, the profile or a certificate cannot be read
   */
  TemporalConnection connection() {
    if (connection == null) {
      try {
        TemporalConnection resolved = TemporalConnections.load(flags(), System.getenv());
        // Read the certificates now, so that a wrong path is a usage error rather than a server "not answering".
        resolved.workflowServiceStubsOptions();
        connection = resolved;
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    return connection;
  }

  ConnectionFlags flags() {
    return ConnectionFlags.builder().address(address).namespace(namespace).apiKey(apiKey).tls(tls)
        .tlsCertPath(tlsCertPath).tlsKeyPath(tlsKeyPath).tlsCaPath(tlsCaPath).tlsServerName(tlsServerName)
        .tlsDisableHostVerification(tlsDisableHostVerification).profile(profile).configFile(configFile).build();
  }

  public String address() {
    return connection().address();
  }

  public String namespace() {
    return connection().namespace();
  }

  public String taskQueue() {
    return taskQueue;
  }

  ClientSettings clientSettings() {
    return new ClientSettings(connection(), taskQueue);
  }

  /** For a server this process started: plain text at its address, in the configured namespace. */
  TemporalConnection embedded(String embeddedAddress) {
    return TemporalConnection.plain(embeddedAddress, namespace());
  }

  WorkerSettings workerSettings(TemporalConnection to) {
    return WorkerSettings.fromEnvironment(System.getenv(), to).withTaskQueue(taskQueue);
  }
}
