package dev.steward.worker.janitor;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import dev.steward.payloads.BlobStore;
import dev.steward.payloads.SealedBlobs;
import dev.steward.payloads.StaticKeyProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the blob janitor: registration on a worker, and starting its one workflow when the operator
 * asks for it with {@code STEWARD_BLOB_RETENTION} (e.g. {@code 7d}; off when unset) and optionally
 * {@code STEWARD_BLOB_SWEEP_INTERVAL} (default {@code 1h}, at least {@code 1m}).
 *
 * <p>Only turn it on when the blob store serves this one namespace: the janitor keeps what the
 * running workflows of its own namespace refer to, and cannot see another namespace's.
 */
public final class BlobJanitor {

  public static final String RETENTION_VARIABLE = "STEWARD_BLOB_RETENTION";
  public static final String INTERVAL_VARIABLE = "STEWARD_BLOB_SWEEP_INTERVAL";
  static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  private BlobJanitor() {}

  /** Registers the janitor's workflow and activity on {@code worker}, sweeping {@code store}. */
  public static void register(Worker worker, BlobStore store) {
    worker.registerWorkflowImplementationTypes(BlobJanitorWorkflowImpl.class);
    // The process's keys, to read the index segments of agents' transcripts (they name the segments to keep).
    SealedBlobs sealed = new SealedBlobs(store, StaticKeyProvider.fromEnvironment(System.getenv()));
    worker.registerActivitiesImplementations(new BlobJanitorActivitiesImpl(store, sealed));
  }

  /** The retention the environment asks for; empty when the janitor is off. */
  public static Optional<Duration> retention(Map<String, String> env) {
    String value = env.get(RETENTION_VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(RETENTION_VARIABLE, value));
  }

  /** The time between sweeps the environment asks for. */
  public static Duration interval(Map<String, String> env) {
    String value = env.get(INTERVAL_VARIABLE);
    Duration d = value == null || value.isBlank() ? DEFAULT_INTERVAL : parse(INTERVAL_VARIABLE, value);
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException(INTERVAL_VARIABLE + " must be at least 1m, got '" + value + "'");
    }
    return d;
  }

  /**
   * Starts the janitor on {@code taskQueue} unless it already runs; several workers calling this
   * at once start one.
   */
  public static void ensureRunning(WorkflowClient client, String taskQueue, Duration retention, Duration interval) {
    BlobJanitorWorkflow janitor = client.newWorkflowStub(BlobJanitorWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(BlobJanitorWorkflow.ID)
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setStaticSummary("blob janitor: keeps blobs " + retention + " after their last write")
        .build());
    try {
      WorkflowClient.start(janitor::run, retention.toSeconds(), interval.toSeconds());
    } catch (WorkflowExecutionAlreadyStarted running) {
      // Another worker started it: one janitor is enough.
    }
  }

  /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}. */
  static Duration parse(String variable, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.matches("\\d{1,9}[smhd]")) {
      throw new IllegalArgumentException(variable + " must be a number and a unit (s, m, h, d), e.g. 7d; got '" + value + "'");
    }
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
