package dev.steward.activities.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.steward.workflows.schedule.ScheduleActivities;
import dev.steward.workflows.schedule.ScheduleActivities.SyncRequest;
import dev.steward.workflows.schedule.ScheduleActivities.SyncResult;
import dev.steward.workflows.schedule.ScheduleActivities.Wanted;
import dev.steward.workflows.spec.ScheduleSpec;
import io.grpc.Status;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleActivitiesImplTest {

  private static final ScheduleSpec HOURLY = new ScheduleSpec("hourly", null, "1h", null, "tick");
  private static final ScheduleSpec BAD = new ScheduleSpec("bad", null, "1h", null, "tick");

  /** Through a real (embedded) Temporal server, which has no Schedules: reported, not an error. */
  @Test
  void theEmbeddedServerSaysItHasNoSchedules() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("q");
      worker.registerActivitiesImplementations(new ScheduleActivitiesImpl());
      worker.registerWorkflowImplementationTypes(SyncOnce.Impl.class);
      env.start();
      SyncOnce wf = env.getWorkflowClient().newWorkflowStub(SyncOnce.class,
          io.temporal.client.WorkflowOptions.newBuilder().setTaskQueue("q").build());
      assertThat(wf.sync(request(List.of(new Wanted(HOURLY, false)), List.of("gone")))).isEqualTo(SyncResult.UNSUPPORTED);
    }
  }

  @Test
  void createsWhatIsMissingUpdatesWhatExistsAndDeletesWhatIsRemoved() {
    ScheduleClient client = mock(ScheduleClient.class);
    ScheduleHandle missing = handle(client, "agent-1:hourly");
    when(missing.describe()).thenThrow(status(Status.NOT_FOUND));
    ScheduleHandle existing = handle(client, "agent-1:daily");
    ScheduleDescription running = described(false);
    when(existing.describe()).thenReturn(running);
    ScheduleHandle removed = handle(client, "agent-1:gone");
    ScheduleHandle alreadyGone = handle(client, "agent-1:older");
    org.mockito.Mockito.doThrow(status(Status.NOT_FOUND)).when(alreadyGone).delete();

    ScheduleSpec daily = new ScheduleSpec("daily", "0 9 * * *", null, "UTC", "plan");
    SyncResult r = new ScheduleActivitiesImpl(c -> client).sync(client,
        request(List.of(new Wanted(HOURLY, false), new Wanted(daily, true)), List.of("gone", "older")));

    assertThat(r).isEqualTo(new SyncResult(true, Map.of()));
    verify(client).createSchedule(eq("agent-1:hourly"), any(Schedule.class), any());
    verify(existing).update(any());
    verify(existing).pause(any(String.class));
    verify(existing, never()).unpause(any(String.class));
    verify(removed).delete();
  }

  @Test
  void aScheduleTheServerRefusesIsReportedAndTheOthersGoOn() {
    ScheduleClient client = mock(ScheduleClient.class);
    ScheduleHandle bad = handle(client, "agent-1:bad");
    when(bad.describe()).thenThrow(status(Status.INVALID_ARGUMENT.withDescription("bad spec")));
    ScheduleHandle hourly = handle(client, "agent-1:hourly");
    when(hourly.describe()).thenThrow(status(Status.NOT_FOUND));

    SyncResult r = new ScheduleActivitiesImpl(c -> client).sync(client,
        request(List.of(new Wanted(BAD, false), new Wanted(HOURLY, false)), List.of()));

    assertThat(r.supported()).isTrue();
    assertThat(r.rejected()).containsOnly(Map.entry("bad", "bad spec"));
    verify(client).createSchedule(eq("agent-1:hourly"), any(Schedule.class), any());
  }

  private static SyncRequest request(List<Wanted> wanted, List<String> removed) {
    return new SyncRequest("agent-1", "acme", "steward", wanted, removed);
  }

  private static ScheduleHandle handle(ScheduleClient client, String id) {
    ScheduleHandle h = mock(ScheduleHandle.class);
    when(client.getHandle(id)).thenReturn(h);
    return h;
  }

  private static ScheduleDescription described(boolean paused) {
    ScheduleDescription d = mock(ScheduleDescription.class);
    Schedule current = TemporalScheduleMapping.schedule(request(List.of(), List.of()), HOURLY, paused);
    when(d.getSchedule()).thenReturn(current);
    return d;
  }

  private static ScheduleException status(Status s) {
    return new ScheduleException(s.asRuntimeException());
  }

  /** Runs the activity from a workflow, as an agent does. */
  @io.temporal.workflow.WorkflowInterface
  public interface SyncOnce {
    @io.temporal.workflow.WorkflowMethod
    SyncResult sync(SyncRequest request);

    class Impl implements SyncOnce {
      @Override
      public SyncResult sync(SyncRequest request) {
        return io.temporal.workflow.Workflow.newActivityStub(ScheduleActivities.class,
            io.temporal.activity.ActivityOptions.newBuilder().setStartToCloseTimeout(java.time.Duration.ofSeconds(10))
                .build()).sync(request);
      }
    }
  }
}
