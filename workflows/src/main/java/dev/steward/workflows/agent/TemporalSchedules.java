package dev.steward.workflows.agent;

import dev.steward.workflows.schedule.ScheduleActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The schedule activity, retried for about a minute: a person waits on it in a {@code schedule} update. */
final class TemporalSchedules {

  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(20))
          .setMaximumAttempts(5)
          .build())
      .build();

  private TemporalSchedules() {}

  static ScheduleActivities.SyncResult sync(ScheduleActivities.SyncRequest request) {
    ActivityOptions options = ActivityOptions.newBuilder(OPTIONS)
        .setSummary("schedules: " + request.wanted().size() + " kept, " + request.removed().size() + " removed")
        .build();
    return Workflow.newActivityStub(ScheduleActivities.class, options).sync(request);
  }
}
