package dev.steward.workflows.schedule;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.spec.ScheduleSpec;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keeps the Temporal Schedules behind an agent's schedules in line with the agent, which stays the
 * source of truth: every call states the whole wanted set, so a repeated or retried call is harmless.
 */
@ActivityInterface
public interface ScheduleActivities {

  /** Retried for about a minute: a person may be waiting on it in a {@code schedule} update. */
  ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(5)
          .build())
      .build();

  /** The workflow type each Temporal Schedule starts when it fires. */
  String WAKE_WORKFLOW_TYPE = "ScheduleWake";

  /**
   * Creates, updates, pauses or deletes the agent's Temporal Schedules to match the request.
   * Answers {@link SyncResult#supported()} false, changing nothing, on a server without Schedules.
   */
  @ActivityMethod(name = "SyncSchedules")
  SyncResult sync(SyncRequest request);

  /** The id of the Temporal Schedule behind one of an agent's schedules. */
  static String temporalScheduleId(String agentId, String scheduleName) {
    return agentId + ":" + scheduleName;
  }

  /**
   * @param agentId the agent the schedules wake
   * @param tenant the agent's tenant, recorded on the schedules
   * @param taskQueue where the wake-up workflows run (the agent's own queue)
   * @param wanted the schedules that should exist, with their pause state
   * @param removed names whose schedules should not exist (deleted, or gone from the spec)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SyncRequest(String agentId, String tenant, String taskQueue, List<Wanted> wanted, List<String> removed) {}

  /** One schedule as the agent wants it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Wanted(ScheduleSpec spec, boolean paused) {}

  /**
   * @param supported false when the server has no Schedules; the agent then fires them with its own timer
   * @param rejected schedules the server refused, by name, with its reason
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SyncResult(boolean supported, Map<String, String> rejected) {
    public static final SyncResult UNSUPPORTED = new SyncResult(false, Map.of());
  }
}
