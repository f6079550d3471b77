package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.BlobSegmentStore;
import dev.steward.client.spec.AgentFiles;
import dev.steward.payloads.LocalDirectoryBlobStore;
import dev.steward.payloads.SealedBlobs;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.worker.janitor.BlobJanitorActivitiesImpl;
import dev.steward.worker.janitor.SweepReport;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.SegmentStore;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcript segments have a lifetime (issue 14 item 3), on a real Temporal server (the janitor needs
 * visibility) with a worker process writing segments to a blob directory: a deleted agent's segments
 * go at the first sweep after their retention, a stopped agent's once it has been stopped for the
 * retention, and a running agent's never, index segments and the segments they hold included.
 */
@RealTemporal.Required
class SegmentLifetimeE2ETest {

  private static final String FILLER = " and some more words to make the message long".repeat(6);
  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: segments
      model: {provider: scripted}
      memory:
        context_tokens: 256
        segment_entries: 2
      """, "segments.yaml");
  private static final Duration RETENTION = Duration.ofDays(7);

  @TempDir Path dir;
  private final List<JvmProcess> processes = new ArrayList<>();
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stopAll() {
    processes.forEach(JvmProcess::close);
    if (stubs != null) {
      stubs.shutdownNow();
    }
  }

  @Test
  void segmentsOfDeletedAndLongStoppedAgentsGoWhileALiveAgentsStay() throws Exception {
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(blobs);
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(RealTemporal.address()).build());
    WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setNamespace("default").setDataConverter(StewardDataConverter.create(store, 128 * 1024)).build());
    String queue = RealTemporal.unique("segments-lifetime");
    processes.add(JvmProcess.start("segments-lifetime-worker",
        Map.of("STEWARD_BLOB_DIR", blobs.toString(), "STEWARD_BLOBS", ""),
        "worker", "--address", RealTemporal.address(), "--task-queue", queue));
    SegmentStore segments = new BlobSegmentStore(() -> new SealedBlobs(store, Optional.empty()));
    AgentClient agents = new AgentClient(client, queue).readingSegmentsFrom(segments);

    String live = talk(agents, client, RealTemporal.unique("live"), 24);
    String stopped = talk(agents, client, RealTemporal.unique("stopped"), 6);
    String deleted = talk(agents, client, RealTemporal.unique("deleted"), 6);
    List<TranscriptSegment> liveRefs = refs(client, live);
    assertThat(liveRefs).as("the live agent folded references into an index").anyMatch(TranscriptSegment::refersToSegments);
    Set<String> liveKeys = keys(segments, liveRefs);
    Set<String> stoppedKeys = keys(segments, refs(client, stopped));
    Set<String> deletedKeys = keys(segments, refs(client, deleted));
    deletedKeys.removeAll(liveKeys);
    stoppedKeys.removeAll(liveKeys);
    assertThat(deletedKeys).isNotEmpty();
    assertThat(stoppedKeys).isNotEmpty();

    agents.stop(stopped, "done");
    agents.stop(deleted, "done");
    client.newUntypedWorkflowStub(stopped).getResult(Object.class);
    client.newUntypedWorkflowStub(deleted).getResult(Object.class);
    stubs.blockingStub().deleteWorkflowExecution(DeleteWorkflowExecutionRequest.newBuilder().setNamespace("default")
        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(deleted)).build());
    await("the deleted agent is gone").atMost(Duration.ofSeconds(60)).until(() -> gone(deleted));

    // Every segment was written long ago: only who refers to it decides.
    BlobDirs.age(blobs, Duration.ofDays(30));
    BlobJanitorActivitiesImpl janitor = new BlobJanitorActivitiesImpl(store, new SealedBlobs(store, Optional.empty()));
    SweepReport first = janitor.sweep(client, Instant.now().minus(RETENTION));
    assertThat(first.removed()).isPositive();
    assertThat(BlobDirs.stored(blobs)).containsAll(liveKeys).containsAll(stoppedKeys).doesNotContainAnyElementsOf(deletedKeys);

    // Once the stopped agent has been stopped for longer than the retention (a cutoff after its close).
    janitor.sweep(client, Instant.now().plusSeconds(1));
    assertThat(BlobDirs.stored(blobs)).containsAll(liveKeys).doesNotContainAnyElementsOf(stoppedKeys);

    // The live agent still reads its whole transcript and goes on.
    long total = agents.snapshot(live).transcriptSize();
    assertThat(everything(agents, live)).extracting(TranscriptEntry::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(agents.ask(live, UserMessage.of("still there?" + FILLER), Duration.ofSeconds(60)).completed()).isTrue();
    agents.stop(live, "done");
  }

  /** Starts an agent, has it answer {@code messages} messages and waits until its segments are written. */
  private static String talk(AgentClient agents, WorkflowClient client, String id, int messages) {
    agents.start(id, SPEC);
    for (int i = 1; i <= messages; i++) {
      agents.ask(id, UserMessage.of("message " + i + FILLER), Duration.ofSeconds(60));
    }
    AgentWorkflow agent = client.newWorkflowStub(AgentWorkflow.class, id);
    await("segments of " + id).atMost(Duration.ofSeconds(60))
        .until(() -> agent.checkpoint(0).state().hasSegments() && agent.snapshot().status().name().equals("IDLE"));
    return id;
  }

  /** The segment references the agent holds (the raw query: the client would read them through). */
  private static List<TranscriptSegment> refs(WorkflowClient client, String id) {
    return client.newWorkflowStub(AgentWorkflow.class, id).checkpoint(0).state().segments();
  }

  /** The keys of these segments and of every segment their indexes hold. */
  private static Set<String> keys(SegmentStore store, List<TranscriptSegment> refs) {
    Set<String> out = new HashSet<>();
    for (TranscriptSegment s : refs) {
      out.add(s.key());
      if (s.refersToSegments()) {
        out.addAll(keys(store, store.references(s)));
      }
    }
    return out;
  }

  private static List<TranscriptEntry> everything(AgentClient agents, String id) {
    List<TranscriptEntry> out = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      TranscriptPage page = agents.transcript(id, next, 7);
      out.addAll(page.entries());
      next = page.nextSeq();
    }
    return out;
  }

  private boolean gone(String id) {
    try {
      stubs.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
          .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id)).build());
      return false;
    } catch (io.grpc.StatusRuntimeException e) {
      return e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND;
    }
  }
}
