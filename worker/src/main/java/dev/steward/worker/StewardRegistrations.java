package dev.steward.worker;

import dev.steward.activities.context.ModelContextHandoff;
import dev.steward.activities.memory.SegmentActivitiesImpl;
import dev.steward.activities.memory.SummaryActivitiesImpl;
import dev.steward.activities.messaging.DirectoryActivitiesImpl;
import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.limits.ModelLimits;
import dev.steward.activities.schedule.ScheduleActivitiesImpl;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.WorkerToolSources;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.workflows.agent.AgentWorkflowImpl;
import dev.steward.workflows.agent.AgentWorkflowOptions;
import dev.steward.workflows.schedule.ScheduleWakeWorkflowImpl;
import io.temporal.worker.Worker;

/** The one place that says what a Steward worker runs: the agent and schedule wake-up workflows, and their activities. */
final class StewardRegistrations {

  private StewardRegistrations() {}

  /** As {@link #register(Worker, WorkerSettings, ModelContextHandoff)}, every model call reading its context by query. */
  static void register(Worker worker, WorkerSettings settings) {
    register(worker, settings, ModelContextHandoff.off());
  }

  /** @param handoff where this worker's agents leave their model calls' contexts for its model activities */
  static void register(Worker worker, WorkerSettings settings, ModelContextHandoff handoff) {
    worker.registerWorkflowImplementationTypes(AgentWorkflowOptions.IMPLEMENTATION, AgentWorkflowImpl.class);
    worker.registerWorkflowImplementationTypes(ScheduleWakeWorkflowImpl.class);
    // Every connection made for an agent passes the one network policy; the operator may open private networks.
    AgentNetwork network = AgentNetwork.publicOnly().allowingPrivate(settings.allowPrivateNetwork());
    // Credentials are read from this process's environment, by the names agent specs give.
    ModelActivitiesImpl models =
        new ModelActivitiesImpl(System::getenv, ToolCatalog.builtins(), settings.modelLimits(), network, handoff);
    worker.registerActivitiesImplementations(models, new ToolActivitiesImpl(WorkerToolSources.shared(network)),
        new SummaryActivitiesImpl(models),
        // Old transcript entries go to the same blob store as large payloads.
        new SegmentActivitiesImpl(BlobSegmentStore.fromEnvironment(System.getenv())),
        new DirectoryActivitiesImpl(), new ScheduleActivitiesImpl());
  }
}
