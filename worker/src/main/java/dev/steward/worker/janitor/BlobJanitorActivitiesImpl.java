package dev.steward.worker.janitor;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.steward.payloads.BlobOffloadCodec;
import dev.steward.payloads.SealedBlobs;
import dev.steward.payloads.BlobStore;
import io.temporal.activity.Activity;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import dev.steward.workflows.agent.AgentWorkflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sweep, mark and sweep: list the blobs last written before the cutoff; read the history of
 * every running workflow in the namespace and note each blob it refers to; remove the old blobs no
 * history noted, each only if it still was not written again since. If the running workflows cannot
 * all be read (e.g. a server without visibility), nothing is removed.
 */
public final class BlobJanitorActivitiesImpl implements BlobJanitorActivities {

  private static final Logger log = LoggerFactory.getLogger(BlobJanitorActivitiesImpl.class);

  private final BlobStore store;
  /** The same store, read as sealed blobs (with the process's keys) to follow index segments. */
  private final SealedBlobs sealed;

  public BlobJanitorActivitiesImpl(BlobStore store) {
    this(store, new SealedBlobs(store, Optional.empty()));
  }

  public BlobJanitorActivitiesImpl(BlobStore store, SealedBlobs sealed) {
    this.store = store;
    this.sealed = sealed;
  }

  @Override
  public SweepReport sweep(long retentionSeconds) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    return sweep(client, Instant.now().minus(Duration.ofSeconds(retentionSeconds)));
  }

  /** A sweep with blobs last written before {@code cutoff} as candidates. */
  public SweepReport sweep(WorkflowClient client, Instant cutoff) {
    Set<String> old = new HashSet<>();
    long[] blobs = {0};
    try {
      store.list(e -> {
        blobs[0]++;
        if (e.lastWritten().isBefore(cutoff)) {
          old.add(e.key());
        }
      });
    } catch (IOException e) {
      throw ApplicationFailure.newFailure("cannot list the blobs in " + store.describe() + ": " + e.getMessage(),
          "BlobStoreUnavailable");
    }
    if (old.isEmpty()) {
      return new SweepReport(blobs[0], 0, 0, 0, 0, null);
    }
    Set<String> referenced = new HashSet<>();
    LiveSegments segments = new LiveSegments(client.getOptions().getDataConverter(), sealed);
    long workflows = markRunning(client, referenced, segments);
    Set<String> liveSegments = markRecentlyClosed(client, cutoff, segments);
    long removed = 0;
    long kept = 0;
    for (String key : old) {
      if (referenced.contains(key) || isSegment(key) && (liveSegments == null || liveSegments.contains(key))) {
        kept++;
        continue;
      }
      try {
        if (store.deleteIfWrittenBefore(key, cutoff)) {
          removed++;
        }
      } catch (IOException e) {
        log.warn("blob janitor: could not remove blob {} from {}: {}", key, store.describe(), e.getMessage());
      }
    }
    log.info("blob janitor: {} blobs in {}, {} old, {} of those still referenced by {} running workflows, {} removed",
        blobs[0], store.describe(), old.size(), kept, workflows, removed);
    return new SweepReport(blobs[0], old.size(), kept, removed, workflows, null);
  }

  /**
   * Notes the segments that agents closed after {@code cutoff} (stopped within the retention) refer
   * to, besides those of running agents already in {@code segments}; returns every live segment's
   * key, or null when some history or index could not be read (then every segment is kept).
   */
  private static Set<String> markRecentlyClosed(WorkflowClient client, Instant cutoff, LiveSegments segments) {
    if (segments.failure() != null) {
      log.warn("blob janitor: keeps every transcript segment this sweep: {}", segments.failure());
      return null;
    }
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    ByteString page = ByteString.EMPTY;
    try {
      do {
        ListWorkflowExecutionsResponse list = service.blockingStub().listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
                .setQuery("WorkflowType = '" + AgentWorkflow.TYPE + "' AND ExecutionStatus != 'Running' AND CloseTime > '"
                    + cutoff + "'")
                .setPageSize(500).setNextPageToken(page).build());
        for (WorkflowExecutionInfo info : list.getExecutionsList()) {
          segments.read(history(service, namespace, info.getExecution()));
        }
        page = list.getNextPageToken();
      } while (!page.isEmpty());
    } catch (RuntimeException e) {
      log.warn("blob janitor: keeps every transcript segment this sweep: cannot read the agents closed since {}: {}",
          cutoff, e.toString());
      return null;
    }
    return segments.keys();
  }

  /** Notes the blobs that the histories of all running workflows refer to; returns how many workflows. */
  private static long markRunning(WorkflowClient client, Set<String> referenced, LiveSegments segments) {
    WorkflowServiceStubs service = client.getWorkflowServiceStubs();
    String namespace = client.getOptions().getNamespace();
    long count = 0;
    ByteString page = ByteString.EMPTY;
    try {
      do {
        ListWorkflowExecutionsResponse list = service.blockingStub().listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder().setNamespace(namespace)
                .setQuery("ExecutionStatus = 'Running'").setPageSize(500).setNextPageToken(page).build());
        for (WorkflowExecutionInfo info : list.getExecutionsList()) {
          List<HistoryEvent> history = history(service, namespace, info.getExecution());
          history.forEach(e -> collect(e, referenced));
          segments.readOrNote(history);
          count++;
          heartbeat(count);
        }
        page = list.getNextPageToken();
      } while (!page.isEmpty());
    } catch (RuntimeException e) {
      // Without every running workflow's references, any removal could hit a live agent.
      throw ApplicationFailure.newNonRetryableFailure("cannot read the running workflows of namespace " + namespace
          + " (" + e.getMessage() + "); removed nothing. The janitor needs a server with visibility"
          + " (ListWorkflowExecutions), not the embedded one", "BlobJanitorBlind");
    }
    return count;
  }

  private static List<HistoryEvent> history(WorkflowServiceStubs service, String namespace,
      WorkflowExecution execution) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse history = service.blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(namespace).setExecution(execution)
              .setNextPageToken(page).build());
      events.addAll(history.getHistory().getEventsList());
      page = history.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  /** Every blob reference anywhere in {@code message}: inputs, results, failures, memos, headers. */
  public static void collect(Message message, Set<String> into) {
    if (message instanceof Payload p) {
      BlobOffloadCodec.referencedKey(p).ifPresent(into::add);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object item : (List<?>) field.getValue()) {
          collect((Message) item, into);
        }
      } else {
        collect((Message) field.getValue(), into);
      }
    }
  }

  /**
   * True for a sealed blob (a transcript segment): kept while an agent that runs, or stopped within
   * the retention, refers to it; a blob that cannot be read counts as one, so it is kept.
   */
  private boolean isSegment(String key) {
    try {
      return SealedBlobs.isSealed(store.get(key));
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static void heartbeat(long workflows) {
    try {
      Activity.getExecutionContext().heartbeat(workflows);
    } catch (IllegalStateException notInAnActivity) {
      // Called directly (tests): nothing to report to.
    }
  }
}
