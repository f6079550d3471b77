package dev.steward.activities.context;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.ModelRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an agent's context from the agent itself, by query, from inside one of its activities.
 * The query names the very run that scheduled the activity, and the agent's transcript only grows,
 * so a retried call sees the same context. A model call first looks in its worker's
 * {@link ModelContextHandoff}, where the worker that scheduled it may have left its context.
 */
public final class AgentContexts {

  private AgentContexts() {}

  /** The request with its context filled in, when it came by reference; else the request as it is. */
  public static ModelRequest resolve(ModelRequest request) {
    if (request.contextSeq() <= 0) {
      return request;
    }
    ModelContextView view = calling().query("modelContext", ModelContextView.class, request.contextSeq());
    return request.withContext(view.system(), view.messages());
  }

  /**
   * As {@link #resolve(ModelRequest)}, taking the context from {@code handoff} when the worker that
   * scheduled this activity left it there, and asking the agent only when it did not.
   */
  public static ModelRequest resolve(ModelRequest request, ModelContextHandoff handoff) {
    if (request.contextSeq() <= 0) {
      return request;
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    ActivityInfo info = context.getInfo();
    ModelContextView view = handoff.take(new ModelContextHandoff.Key(info.getWorkflowId(), info.getRunId(),
        info.getActivityId(), request.contextSeq()));
    if (view == null) {
      view = calling(context).query("modelContext", ModelContextView.class, request.contextSeq());
    }
    return request.withContext(view.system(), view.messages());
  }

  /** Transcript entries {@code fromSeq..toSeq} of the calling agent, all pages. */
  public static List<TranscriptEntry> transcript(long fromSeq, long toSeq) {
    WorkflowStub agent = calling();
    List<TranscriptEntry> out = new ArrayList<>();
    long next = fromSeq;
    while (next > 0 && next <= toSeq) {
      TranscriptPage page = agent.query("transcript", TranscriptPage.class, next, 500);
      if (page.entries().isEmpty() && !page.segments().isEmpty()) {
        // Only folded entries go to segments, and nothing here reads folded ones: say so if it happens.
        throw new IllegalStateException("transcript entry " + next + " is in a segment in the blob store;"
            + " this activity reads only entries the agent holds");
      }
      for (TranscriptEntry e : page.entries()) {
        if (e.seq() <= toSeq) {
          out.add(e);
        }
      }
      next = page.nextSeq();
    }
    return out;
  }

  /**
   * The events {@code fromSeq..toSeq} the calling agent still holds, all pages. Only events it holds:
   * one that its cap dropped while this activity ran is simply not there.
   */
  public static List<AgentEvent> events(long fromSeq, long toSeq) {
    WorkflowStub agent = calling();
    List<AgentEvent> out = new ArrayList<>();
    long after = fromSeq - 1;
    while (after < toSeq) {
      EventPage page = agent.query("events", EventPage.class, after);
      List<AgentEvent> held = page.events();
      if (held.isEmpty()) {
        break;
      }
      for (AgentEvent e : held) {
        if (e.seq() <= toSeq) {
          out.add(e);
        }
      }
      after = held.get(held.size() - 1).seq();
    }
    return out;
  }

  /** The calling agent's snapshot (its spec, status and more). */
  public static AgentSnapshot snapshot() {
    return snapshot(Activity.getExecutionContext());
  }

  /** The snapshot of the agent that runs the activity of {@code context}; for interceptors, which run outside it. */
  public static AgentSnapshot snapshot(ActivityExecutionContext context) {
    return calling(context).query("snapshot", AgentSnapshot.class);
  }

  private static WorkflowStub calling() {
    return calling(Activity.getExecutionContext());
  }

  private static WorkflowStub calling(ActivityExecutionContext context) {
    ActivityInfo info = context.getInfo();
    WorkflowClient client = context.getWorkflowClient();
    return client.newUntypedWorkflowStub(info.getWorkflowId(), Optional.of(info.getRunId()),
        Optional.of(AgentWorkflow.TYPE));
  }
}
