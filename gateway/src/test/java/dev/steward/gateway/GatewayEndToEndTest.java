package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentEvent;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.GetTranscriptResponse;
import dev.steward.proto.v1.TranscriptEntry;
import dev.steward.proto.v1.TurnOutcome;
import dev.steward.proto.v1.TurnStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client service drives agents through the gateway over real TCP, against a real worker and Temporal. */
class GatewayEndToEndTest {

  static final String ECHO = """
      name: echo
      model:
        provider: scripted
      """;

  static GatewayTestKit kit;
  static StewardGrpcClient acme;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
  }

  @AfterAll
  static void stop() {
    acme.close();
    kit.close();
  }

  @Test
  void startsAnAgentAsksItAndReadsItsTranscriptInPages() {
    Agent started = acme.startAgent("e2e-echo", ECHO);
    assertThat(started.getName()).isEqualTo("agents/e2e-echo");
    assertThat(started.getTenant()).isEqualTo("acme");
    assertThat(started.getDisplayName()).isEqualTo("echo");

    TurnOutcome first = acme.ask("e2e-echo", "hello there", Duration.ofSeconds(30));
    TurnOutcome second = acme.ask("e2e-echo", "and again", Duration.ofSeconds(30));

    assertThat(first.getStatus()).isEqualTo(TurnStatus.TURN_STATUS_COMPLETED);
    assertThat(first.getReply()).contains("hello there");
    assertThat(second.getTurn()).isEqualTo(2);
    // Starting again with the same id and spec is the same agent, not an error.
    assertThat(acme.startAgent("e2e-echo", ECHO).getAgentId()).isEqualTo("e2e-echo");
    Agent agent = acme.get("e2e-echo");
    assertThat(agent.getStatus()).isEqualTo(AgentStatus.AGENT_STATUS_IDLE);
    assertThat(agent.getUsage().getTurns()).isEqualTo(2);
    assertThat(agent.getSpecJson()).contains("\"name\":\"echo\"");

    List<TranscriptEntry> paged = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      GetTranscriptResponse page = acme.stub().getTranscript(GetTranscriptRequest.newBuilder()
          .setName("agents/e2e-echo").setPageSize(1).setPageToken(token).build());
      paged.addAll(page.getEntriesList());
      assertThat(page.getTotalSize()).isEqualTo(agent.getTranscriptSize());
      token = page.getNextPageToken();
      pages++;
    } while (!token.isEmpty());
    assertThat(pages).isEqualTo(paged.size());
    assertThat(paged).extracting(TranscriptEntry::getSeq).containsExactly(
        paged.stream().map(TranscriptEntry::getSeq).sorted().distinct().toArray(Long[]::new));
    assertThat(paged).extracting(TranscriptEntry::getText).contains("hello there", "and again");
    assertThat(acme.transcript("e2e-echo")).isEqualTo(paged);
  }

  @Test
  void readsATranscriptWhoseOlderEntriesAreInSegments() {
    acme.startAgent("e2e-long", """
        name: long
        model:
          provider: scripted
        memory:
          context_tokens: 256
          segment_entries: 2
        """);
    String filler = " and some more words to make the message long".repeat(6);
    for (int i = 1; i <= 8; i++) {
      acme.ask("e2e-long", "message " + i + filler, Duration.ofSeconds(30));
    }
    // The worker writes segments after a turn's reply: wait until the agent holds only part of its transcript.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kit.agentClient.workflowClient()
        .newWorkflowStub(dev.steward.workflows.agent.AgentWorkflow.class, "e2e-long").checkpoint(0).state().hasSegments());

    List<TranscriptEntry> all = acme.transcript("e2e-long");

    assertThat(all).extracting(TranscriptEntry::getSeq)
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, all.size()).boxed().toList());
    assertThat(all.size()).isEqualTo(acme.get("e2e-long").getTranscriptSize());
    assertThat(all).filteredOn(e -> e.getText().startsWith("message ")).extracting(e -> e.getText().split(" and ")[0])
        .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6", "message 7",
            "message 8");
  }

  @Test
  void watchesATurnWithAnApprovalLiveAndResumesMidTurnWithoutGapsOrRepeats() throws Exception {
    acme.startAgentNamed("e2e-clerk", "clerk");
    List<AgentEvent> beforeDrop;
    String callId;
    try (EventStream watch = new EventStream(acme, "e2e-clerk", 0)) {
      acme.send("e2e-clerk", "what time is it?");
      beforeDrop = watch.until(AgentEvent.Type.TYPE_APPROVAL_NEEDED);
      callId = beforeDrop.get(beforeDrop.size() - 1).getCallId();
    } // The client drops mid-turn, while the agent waits for a person.
    assertThat(beforeDrop).extracting(AgentEvent::getType)
        .contains(AgentEvent.Type.TYPE_TURN_STARTED, AgentEvent.Type.TYPE_TOOL_CALL_REQUESTED);
    assertThat(acme.get("e2e-clerk").getPendingApprovalsList()).extracting(a -> a.getCallId()).containsExactly(callId);

    assertThat(acme.decide("e2e-clerk", callId, true, "fine").getApproved()).isTrue();
    long resumeAfter = beforeDrop.get(beforeDrop.size() - 1).getSeq();
    List<AgentEvent> afterResume;
    try (EventStream watch = new EventStream(acme, "e2e-clerk", resumeAfter)) {
      afterResume = watch.until(AgentEvent.Type.TYPE_TURN_ENDED);
    }

    assertThat(afterResume.get(0).getSeq()).isEqualTo(resumeAfter + 1);
    assertThat(afterResume).extracting(AgentEvent::getType).contains(AgentEvent.Type.TYPE_TOOL_CALL_STARTED,
        AgentEvent.Type.TYPE_TOOL_CALL_FINISHED, AgentEvent.Type.TYPE_REPLY);
    // Together the two connections saw exactly what one uninterrupted watch sees: nothing twice, nothing missed.
    List<AgentEvent> whole;
    try (EventStream watch = new EventStream(acme, "e2e-clerk", 0)) {
      whole = watch.until(AgentEvent.Type.TYPE_TURN_ENDED);
    }
    List<AgentEvent> stitched = new ArrayList<>(beforeDrop);
    stitched.addAll(afterResume);
    assertThat(stitched).isEqualTo(whole);
    assertThat(whole).extracting(AgentEvent::getSeq).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void aWatchEndsWhenItsAgentStops() throws Exception {
    acme.startAgent("e2e-stopping", ECHO);
    acme.ask("e2e-stopping", "one turn", Duration.ofSeconds(30));
    try (EventStream watch = new EventStream(acme, "e2e-stopping", 0)) {
      watch.until(AgentEvent.Type.TYPE_TURN_ENDED);
      acme.stop("e2e-stopping", "done");
      assertThat(watch.until(AgentEvent.Type.TYPE_STOPPED)).isNotEmpty();
      assertThat(watch.outcome()).isNull();
    }
    // Stopping again is harmless.
    assertThat(acme.stop("e2e-stopping", "again").getAgentId()).isEqualTo("e2e-stopping");
  }

  @Test
  void listsOnlyTheCallersAgentsInPagesFilteredByNameAndStatus() {
    for (int i = 0; i < 3; i++) {
      acme.startAgent("e2e-list-" + i, ECHO);
    }
    List<Agent> echoes = acme.list("echo", null);
    assertThat(echoes).extracting(Agent::getAgentId).contains("e2e-list-0", "e2e-list-1", "e2e-list-2");
    assertThat(echoes).allSatisfy(a -> {
      assertThat(a.getTenant()).isEqualTo("acme");
      assertThat(a.getDisplayName()).isEqualTo("echo");
    });

    List<String> paged = new ArrayList<>();
    String token = "";
    do {
      var page = acme.stub().listAgents(dev.steward.proto.v1.ListAgentsRequest.newBuilder()
          .setDisplayName("echo").setPageSize(1).setPageToken(token).build());
      assertThat(page.getAgentsCount()).isLessThanOrEqualTo(1);
      page.getAgentsList().forEach(a -> paged.add(a.getAgentId()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
        echoes.stream().map(Agent::getAgentId).toList());
    assertThat(acme.list("no-such-name", null)).isEmpty();
  }
}
