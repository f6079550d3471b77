package dev.steward.activities.schedule;

import dev.steward.workflows.schedule.ScheduleActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps an agent's Temporal Schedules in line with what the agent asks, through this worker's own
 * Temporal connection. A server without Schedules (UNIMPLEMENTED) is reported, not an error.
 */
public class ScheduleActivitiesImpl implements ScheduleActivities {

  private final Function<WorkflowClient, ScheduleClient> schedules;

  /** Schedules through the worker's own Temporal connection and namespace. */
  public ScheduleActivitiesImpl() {
    this(client -> ScheduleClient.newInstance(client.getWorkflowServiceStubs(), ScheduleClientOptions.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setDataConverter(client.getOptions().getDataConverter())
        .setIdentity(client.getOptions().getIdentity())
        .build()));
  }

  ScheduleActivitiesImpl(Function<WorkflowClient, ScheduleClient> schedules) {
    this.schedules = schedules;
  }

  @Override
  public SyncResult sync(SyncRequest request) {
    return sync(schedules.apply(Activity.getExecutionContext().getWorkflowClient()), request);
  }

  SyncResult sync(ScheduleClient client, SyncRequest request) {
    Map<String, String> rejected = new LinkedHashMap<>();
    try {
      for (String name : request.removed()) {
        delete(client.getHandle(ScheduleActivities.temporalScheduleId(request.agentId(), name)));
      }
      for (Wanted w : request.wanted()) {
        try {
          upsert(client, request, w);
        } catch (IllegalArgumentException e) {
          rejected.put(w.spec().name(), e.getMessage());
        } catch (RuntimeException e) {
          if (!hasStatus(e, Status.Code.INVALID_ARGUMENT)) {
            throw e;
          }
          rejected.put(w.spec().name(), statusOf(e).getDescription());
        }
      }
    } catch (RuntimeException e) {
      if (hasStatus(e, Status.Code.UNIMPLEMENTED)) {
        return SyncResult.UNSUPPORTED;
      }
      throw e;
    }
    return new SyncResult(true, rejected);
  }

  private static void upsert(ScheduleClient client, SyncRequest request, Wanted w) {
    String id = ScheduleActivities.temporalScheduleId(request.agentId(), w.spec().name());
    Schedule wanted = TemporalScheduleMapping.schedule(request, w.spec(), w.paused());
    ScheduleHandle handle = client.getHandle(id);
    ScheduleDescription now = describe(handle);
    if (now == null) {
      client.createSchedule(id, wanted, ScheduleOptions.newBuilder()
          .setMemo(Map.of("stewardAgentId", request.agentId(), "stewardSchedule", w.spec().name()))
          .build());
      return;
    }
    // Updating with the same definition changes nothing; pausing is its own call, so the update keeps the state.
    handle.update(in -> new ScheduleUpdate(Schedule.newBuilder(wanted)
        .setState(in.getDescription().getSchedule().getState()).build()));
    boolean paused = now.getSchedule().getState().isPaused();
    if (w.paused() && !paused) {
      handle.pause(TemporalScheduleMapping.note(request, true));
    } else if (!w.paused() && paused) {
      handle.unpause(TemporalScheduleMapping.note(request, false));
    }
  }

  private static ScheduleDescription describe(ScheduleHandle handle) {
    try {
      return handle.describe();
    } catch (RuntimeException e) {
      if (hasStatus(e, Status.Code.NOT_FOUND)) {
        return null;
      }
      throw e;
    }
  }

  private static void delete(ScheduleHandle handle) {
    try {
      handle.delete();
    } catch (RuntimeException e) {
      if (!hasStatus(e, Status.Code.NOT_FOUND)) {
        throw e;
      }
    }
  }

  private static boolean hasStatus(Throwable e, Status.Code code) {
    Status s = statusOf(e);
    return s != null && s.getCode() == code;
  }

  private static Status statusOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus();
      }
    }
    return null;
  }
}
