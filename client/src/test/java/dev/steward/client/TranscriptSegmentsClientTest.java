package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.steward.client.spec.AgentFiles;
import dev.steward.payloads.LocalDirectoryBlobStore;
import dev.steward.payloads.SealedBlobs;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.AgentWorkflowImpl;
import dev.steward.workflows.agent.SearchAttributeNames;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TranscriptSegment;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.SegmentActivities;
import dev.steward.workflows.memory.SegmentRequest;
import dev.steward.workflows.memory.SummaryActivities;
import dev.steward.workflows.memory.TranscriptSegments;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcript, export and import, fork and rewind through the client, for an agent whose older
 * entries are in segments in a real blob store (a directory).
 */
class TranscriptSegmentsClientTest {

  private static final String QUEUE = "steward-segments-test";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: keeper
      model: {provider: scripted}
      memory:
        blocks:
          - {name: facts, limit: 500}
        context_tokens: 300
        segment_entries: 4
      """, "keeper.yaml");

  @TempDir Path blobs;
  private TestWorkflowEnvironment env;
  private BlobSegmentStore store;
  private AgentClient client;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    for (var key : SearchAttributeNames.ALL) {
      env.registerSearchAttribute(key.getName(), key.getValueType());
    }
    store = new BlobSegmentStore(() -> new SealedBlobs(new LocalDirectoryBlobStore(blobs), Optional.empty()));
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(AgentWorkflowImpl.class);
    worker.registerActivitiesImplementations((ModelActivities) TranscriptSegmentsClientTest::answer,
        (ToolActivities) invocation -> ToolResult.ok("unused"),
        (SummaryActivities) request -> new SummaryActivities.Summary(
            "folded " + request.fromSeq() + "-" + request.toSeq(), new TokenUsage(3, 2)),
        new Segments());
    env.start();
    client = new AgentClient(env.getWorkflowClient(), QUEUE).readingSegmentsFrom(store);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** Turns 1–3 remember a fact; every reply is long enough that old turns are folded. */
  private static ModelResponse answer(dev.steward.workflows.model.ModelRequest r) {
    if (r.step() == 1 && r.turn() <= 3) {
      return new ModelResponse("", List.of(new ToolCall("m" + r.turn(), "memory_append",
          "{\"block\":\"facts\",\"text\":\"fact " + r.turn() + "\"}")), TokenUsage.ZERO);
    }
    return new ModelResponse("reply " + r.turn() + " " + "z".repeat(200), List.of(), new TokenUsage(10, 5));
  }

  /** Writes segments the way the worker's activity does: entries by query, into the blob store. */
  private final class Segments implements SegmentActivities {
    @Override
    public TranscriptSegment write(SegmentRequest request) {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      WorkflowStub agent = Activity.getExecutionContext().getWorkflowClient().newUntypedWorkflowStub(
          info.getWorkflowId(), Optional.of(info.getRunId()), Optional.of(AgentWorkflow.TYPE));
      List<TranscriptEntry> entries = new ArrayList<>();
      long next = request.fromSeq();
      while (next > 0 && next <= request.toSeq()) {
        TranscriptPage page = agent.query("transcript", TranscriptPage.class, next, 500);
        page.entries().stream().filter(e -> e.seq() <= request.toSeq()).forEach(entries::add);
        next = page.nextSeq();
      }
      byte[] bytes = TranscriptSegments.encode(entries);
      TranscriptSegment segment = TranscriptSegments.describe(entries, bytes);
      try {
        store.put(segment.key(), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return segment;
    }

    @Override
    public TranscriptSegment index(List<TranscriptSegment> segments) {
      byte[] bytes = TranscriptSegments.encodeIndex(segments);
      TranscriptSegment index = TranscriptSegments.describeIndex(segments, bytes);
      try {
        store.put(index.key(), bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return index;
    }

    @Override
    public List<TranscriptEntry> read(List<TranscriptSegment> segments) {
      return store.readAll(segments);
    }
  }

  private void talk(String id, int turns) {
    client.start(id, SPEC);
    for (int i = 1; i <= turns; i++) {
      client.ask(id, UserMessage.of("question " + i + " " + "q".repeat(200)), WAIT);
    }
    // The reply comes before the turn's segments are written.
    await().until(() -> client.workflowClient().newWorkflowStub(AgentWorkflow.class, id).checkpoint(0).state()
        .hasSegments());
  }

  private List<TranscriptEntry> everything(String id) {
    List<TranscriptEntry> out = new ArrayList<>();
    long next = 1;
    while (next > 0) {
      TranscriptPage page = client.transcript(id, next, 5);
      out.addAll(page.entries());
      next = page.nextSeq();
    }
    return out;
  }

  private List<String> questions(String id) {
    return everything(id).stream().filter(e -> e.kind() == TranscriptEntry.Kind.USER && !e.abandoned())
        .map(e -> e.text().split(" ")[0] + " " + e.text().split(" ")[1]).toList();
  }

  @Test
  void theTranscriptReadsThroughTheSegments() {
    talk("keeper", 12);

    List<TranscriptEntry> all = everything("keeper");

    long total = client.snapshot("keeper").transcriptSize();
    assertThat(all).extracting(TranscriptEntry::seq)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(all).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).hasSize(12);
    assertThat(client.transcript("keeper", 1, 3).entries()).extracting(TranscriptEntry::seq).containsExactly(1L, 2L, 3L);
  }

  @Test
  void anAgentWhoseSegmentReferencesMovedIntoIndexesReadsWhole() throws Exception {
    talk("elder", 30);
    List<TranscriptSegment> refs = client.workflowClient().newWorkflowStub(AgentWorkflow.class, "elder").checkpoint(0)
        .state().segments();
    assertThat(refs).as("references folded into index segments").anyMatch(TranscriptSegment::refersToSegments);

    List<TranscriptEntry> all = everything("elder");
    assertThat(all).extracting(TranscriptEntry::seq).containsExactlyElementsOf(
        LongStream.rangeClosed(1, client.snapshot("elder").transcriptSize()).boxed().toList());
    assertThat(client.transcript("elder", 1, 3).entries()).extracting(TranscriptEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(client.events("elder", 0).events()).as("the last events, in the agent").isNotEmpty();

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    client.export("elder").write(file);
    AgentExport read = AgentExport.read(new ByteArrayInputStream(file.toByteArray()), "agent.json");
    assertThat(read.agent().state().transcript()).isEqualTo(all);
    assertThat(everything(client.importAgent(read, "elder-copy"))).isEqualTo(all);

    String fork = client.fork("elder", 2, "elder-fork");
    assertThat(questions(fork)).containsExactly("question 1", "question 2");
    assertThat(client.rewind("elder", 2)).isEqualTo(2);
    assertThat(everything("elder")).filteredOn(e -> !e.abandoned() && e.kind() == TranscriptEntry.Kind.USER)
        .hasSize(2);
  }

  @Test
  void anExportEmbedsTheSegmentsAndAnImportIsTheSameAgent() throws Exception {
    talk("keeper", 12);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    client.export("keeper").write(file);

    AgentExport read = AgentExport.read(new ByteArrayInputStream(file.toByteArray()), "agent.json");
    assertThat(read.agent().state().hasSegments()).isFalse();
    String copy = client.importAgent(read, "keeper-copy");

    assertThat(everything(copy)).isEqualTo(everything("keeper"));
    client.ask(copy, UserMessage.of("question 13 " + "q".repeat(200)), WAIT);
    assertThat(questions(copy)).hasSize(13).endsWith("question 13");
  }

  @Test
  void forkAndRewindToATurnInsideASegment() {
    talk("keeper", 12);

    String fork = client.fork("keeper", 2, "keeper-fork");
    assertThat(client.rewind("keeper", 2)).isEqualTo(2);

    assertThat(questions(fork)).containsExactly("question 1", "question 2");
    assertThat(client.ask(fork, UserMessage.of("next one"), WAIT).turn()).isEqualTo(3);
    assertThat(client.snapshot(fork).memory()).extracting(MemoryBlock::text).containsExactly("fact 1\nfact 2\nfact 3");
    assertThat(client.snapshot("keeper").memory()).extracting(MemoryBlock::text).containsExactly("fact 1\nfact 2");
    assertThat(everything("keeper")).filteredOn(TranscriptEntry::abandoned).extracting(TranscriptEntry::turn)
        .containsOnly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  @Test
  void aSegmentThisProcessCannotReadIsNamedInTheError() {
    talk("keeper", 12);
    AgentClient elsewhere = new AgentClient(env.getWorkflowClient(), QUEUE).readingSegmentsFrom(
        new BlobSegmentStore(() -> new SealedBlobs(new LocalDirectoryBlobStore(blobs.resolve("empty")), Optional.empty())));

    assertThatThrownBy(() -> elsewhere.transcript("keeper", 1, 10))
        .isInstanceOf(TranscriptUnavailableException.class)
        .hasMessageContaining("cannot read transcript segment ")
        // The first blob on the way to entry 1: a segment, or an index once the references were folded.
        .hasMessageMatching("(?s).*\\(entries 1–\\d+\\).*")
        .hasMessageContaining("empty");
  }
}
