package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.AgentResult;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.AgentWorkflow;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentClientTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private ClientTestKit kit;
  private AgentClient client;

  @BeforeEach
  void setUp() {
    kit = new ClientTestKit();
    client = kit.client;
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  private static AgentSpec spec(String name) {
    return AgentFiles.parse("""
        name: %s
        instructions: You help.
        model: {provider: scripted}
        tools:
          - current_time
          - name: http_get
            allow_hosts: [example.org]
            max_bytes: 20000
            timeout_seconds: 25
        approval:
          tools: [http_get]
        """.formatted(name), name + ".yaml");
  }

  @Test
  void askReturnsTheTurnsReplyAndTheAgentRemembersIt() {
    String id = client.start("agent-1", spec("helper"));

    TurnOutcome outcome = client.ask(id, UserMessage.of("hello"), WAIT);

    assertThat(id).isEqualTo("agent-1");
    assertThat(outcome.status()).isEqualTo(TurnOutcome.Status.COMPLETED);
    assertThat(outcome.reply()).isEqualTo("re: hello");
    AgentSnapshot snapshot = client.snapshot(id);
    assertThat(snapshot.status()).isEqualTo(AgentStatus.IDLE);
    assertThat(snapshot.turn()).isEqualTo(1);
    assertThat(snapshot.spec().name()).isEqualTo("helper");
    TranscriptPage page = client.transcript(id, 1, 50);
    assertThat(page.entries()).extracting(TranscriptEntry::kind)
        .containsExactly(TranscriptEntry.Kind.USER, TranscriptEntry.Kind.ASSISTANT);
    assertThat(page.entries().get(1).text()).isEqualTo("re: hello");
    assertThat(client.events(id, 0).events()).extracting(AgentEvent::type).contains(AgentEvent.Type.REPLY);
  }

  @Test
  void aSpecFromAnotherClientWithACostBudgetOnAnUnpricedModelIsRefusedBeforeItStarts() {
    AgentSpec spec = AgentSpecJson.read("""
        {"name": "budget", "model": {"provider": "gemini", "id": "gemini-9"},
         "fallbacks": [{"provider": "openai", "id": "gpt-4.1"}], "limits": {"max_cost_usd": 1}}
        """);

    assertThatThrownBy(() -> client.start("agent-budget", spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("model: gemini/gemini-9 has no known price, so limits.max_cost_usd cannot be kept");
    assertThatThrownBy(() -> client.snapshot("agent-budget")).isInstanceOf(AgentNotFoundException.class);
  }

  @Test
  void sentMessagesAreAnsweredInTheBackground() {
    String id = client.start(null, spec("helper"));

    client.send(id, new UserMessage("m-1", "first", "ada"));
    client.send(id, new UserMessage("m-1", "first", "ada")); // a retry: ignored

    await().atMost(WAIT).until(() -> client.snapshot(id).turn() == 1 && client.snapshot(id).status() == AgentStatus.IDLE);
    TranscriptPage page = client.transcript(id, 1, 50);
    assertThat(page.entries()).extracting(TranscriptEntry::text).containsExactly("first", "re: first");
    assertThat(page.entries().get(0).author()).isEqualTo("ada");
  }

  @Test
  void generatedIdsCarryTheAgentsName() {
    assertThat(client.start(null, spec("research-assistant"))).matches("agent-research-assistant-[0-9a-f]{8}");
  }

  @Test
  void startingTwiceWithTheSameSpecIsHarmless() {
    String first = client.start("agent-twice", spec("helper"));
    // Loaded again, the spec is equal though its tool options went through Temporal and back.
    String second = client.start("agent-twice", spec("helper"));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void startingWithADifferentSpecUnderARunningIdIsRefused() {
    client.start("agent-taken", spec("helper"));

    assertThatThrownBy(() -> client.start("agent-taken", spec("other")))
        .isInstanceOf(AgentAlreadyExistsException.class)
        .hasMessageContaining("agent 'agent-taken' is already running with a different spec");
  }

  @Test
  void toolCallsWaitForApprovalAndDecisionsAreCheckedByTheAgent() {
    String id = client.start("agent-careful", spec("careful"));
    client.send(id, UserMessage.of("please fetch example.org"));

    await().atMost(WAIT).until(() -> client.snapshot(id).status() == AgentStatus.WAITING_FOR_APPROVAL);
    PendingApproval pending = client.snapshot(id).pendingApprovals().get(0);
    assertThat(pending.tool()).isEqualTo("http_get");

    PendingApproval decided = client.decide(id, new Decision(pending.callId(), true, null, "ada"));
    assertThat(decided.decision().approved()).isTrue();

    RejectedException again = catchThrowableOfType(RejectedException.class,
        () -> client.decide(id, new Decision(pending.callId(), false, "changed my mind", "ada")));
    assertThat(again.reason()).contains(pending.callId()).contains("already");

    await().atMost(WAIT).until(() -> client.snapshot(id).lastOutcome() != null);
    assertThat(client.snapshot(id).lastOutcome().reply()).startsWith("done: fetched");
  }

  @Test
  void decidingAnUnknownCallIsRejectedWithTheAgentsReason() {
    String id = client.start("agent-decide", spec("helper"));

    RejectedException e = catchThrowableOfType(RejectedException.class,
        () -> client.decide(id, new Decision("call-404", true, null, null)));

    assertThat(e.reason()).isEqualTo("no tool call 'call-404' is waiting for approval");
    assertThat(e).hasMessage("agent 'agent-decide' rejected the request: no tool call 'call-404' is waiting for approval");
  }

  @Test
  void unknownAgentsAreReportedAsSuch() {
    assertThatThrownBy(() -> client.snapshot("agent-nobody")).isInstanceOf(AgentNotFoundException.class)
        .hasMessageContaining("agent-nobody");
    assertThatThrownBy(() -> client.send("agent-nobody", UserMessage.of("hi"))).isInstanceOf(AgentNotFoundException.class);
    assertThatThrownBy(() -> client.ask("agent-nobody", UserMessage.of("hi"), WAIT))
        .isInstanceOf(AgentNotFoundException.class);
    assertThatThrownBy(() -> client.stop("agent-nobody", "bye")).isInstanceOf(AgentNotFoundException.class);
  }

  @Test
  void stopEndsTheAgentWithItsReason() {
    String id = client.start("agent-stop", spec("helper"));
    client.ask(id, UserMessage.of("hello"), WAIT);

    client.stop(id, "done for today");
    AgentResult result = client.awaitResult(id, WAIT);

    assertThat(result.reason()).isEqualTo("done for today");
    assertThat(result.usage().turns()).isEqualTo(1);
    assertThat(result.lastOutcome().reply()).isEqualTo("re: hello");
    assertThatThrownBy(() -> client.send(id, UserMessage.of("still there?"))).isInstanceOf(AgentNotFoundException.class);
  }

  @Test
  void awaitResultTimesOutWhileTheAgentRuns() {
    String id = client.start("agent-lives", spec("helper"));

    assertThatThrownBy(() -> client.awaitResult(id, Duration.ofMillis(300)))
        .isInstanceOf(StewardTimeoutException.class)
        .hasMessageContaining("still running");
  }

  @Test
  void askThatOutlivesItsTimeoutSaysTheMessageWasAccepted() {
    String id = client.start("agent-slow", spec("helper"));

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> client.ask(id, UserMessage.of("hang on"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isTrue();
    assertThat(e).hasMessageContaining("accepted the message");
    kit.release();
    await().atMost(WAIT).until(() -> client.snapshot(id).lastOutcome() != null);
    assertThat(client.snapshot(id).lastOutcome().reply()).isEqualTo("re: hang on");
  }

  @Test
  void startAndAskThatOutlivesItsTimeoutSaysTheMessageWasAccepted() {
    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> client.startAndAsk("agent-slow-start", spec("helper"), null, UserMessage.of("hang on"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isTrue();
    assertThat(e).hasMessageContaining("accepted the message");
    kit.release();
    await().atMost(WAIT).until(() -> client.snapshot("agent-slow-start").lastOutcome() != null);
    assertThat(client.snapshot("agent-slow-start").lastOutcome().reply()).isEqualTo("re: hang on");
  }

  @Test
  void startAndAskWithoutAWorkerSaysTheMessageWasNotTaken() {
    AgentClient nobodyHome = new AgentClient(kit.env.getWorkflowClient(), "no-worker-here");

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> nobodyHome.startAndAsk("agent-orphan-start", spec("helper"), null, UserMessage.of("hello?"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isFalse();
    assertThat(e).hasMessageContaining("no-worker-here");
  }

  @Test
  void askWithoutAWorkerSaysTheMessageWasNotTaken() {
    AgentClient nobodyHome = new AgentClient(kit.env.getWorkflowClient(), "no-worker-here");
    String id = nobodyHome.start("agent-orphan", spec("helper"));

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> nobodyHome.ask(id, UserMessage.of("hello?"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isFalse();
    assertThat(e).hasMessageContaining("no-worker-here");
  }

  @Test
  void askRejectsWhatTheAgentWouldRefuse() {
    String id = client.start("agent-dup", spec("helper"));
    client.send(id, new UserMessage("m-7", "once", null));
    await().atMost(WAIT).until(() -> client.snapshot(id).turn() == 1);

    RejectedException e = catchThrowableOfType(RejectedException.class,
        () -> client.ask(id, new UserMessage("m-7", "once", null), WAIT));

    assertThat(e.reason()).isEqualTo("message 'm-7' was already received");
    assertThatThrownBy(() -> client.ask(id, UserMessage.of(" "), WAIT)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updatedSpecAppliesFromTheNextTurn() {
    String id = client.start("agent-grows", spec("helper"));

    client.updateSpec(id, spec("helper-v2"));
    client.ask(id, UserMessage.of("hello"), WAIT);

    assertThat(client.snapshot(id).spec().name()).isEqualTo("helper-v2");
  }

  /**
   * Agents no longer carry a memo (their name and tenant are search attributes), but agents started
   * before, or by another client without the attributes, are still listed by their memo.
   */
  @Test
  void listsAnAgentWithoutNameAttributesByItsMemo() {
    client.start("agent-new", spec("alpha"), "acme");
    assertThat(kit.env.getWorkflowClient().newUntypedWorkflowStub("agent-new").describe()
        .getMemo(AgentClient.MEMO_NAME, String.class)).as("a new agent's memo").isNull();

    WorkflowStub old = kit.env.getWorkflowClient().newUntypedWorkflowStub(AgentWorkflow.TYPE, WorkflowOptions.newBuilder()
        .setWorkflowId("agent-old").setTaskQueue(ClientTestKit.QUEUE)
        .setMemo(Map.of(AgentClient.MEMO_NAME, "elder", AgentClient.MEMO_TENANT, "acme"))
        .build());
    old.start(AgentInput.of(spec("elder")));
    assertThat(client.list("elder", null)).singleElement()
        .extracting(AgentSummary::agentId, AgentSummary::name, AgentSummary::tenant)
        .containsExactly("agent-old", "elder", "acme");
    assertThat(client.list("alpha", null)).singleElement()
        .extracting(AgentSummary::agentId, AgentSummary::name, AgentSummary::tenant)
        .containsExactly("agent-new", "alpha", "acme");
  }

  @Test
  void listsAgentsWithTheirNameStatusAndTenant() {
    client.start("agent-a", spec("alpha"), "acme");
    client.start("agent-b", spec("beta"));
    client.start("agent-c", spec("beta"));
    client.stop("agent-c", "not needed");
    client.awaitResult("agent-c", WAIT);

    assertThat(client.list(null, null)).extracting(AgentSummary::agentId)
        .containsExactlyInAnyOrder("agent-a", "agent-b", "agent-c");
    AgentSummary alpha = client.list("alpha", null).get(0);
    assertThat(alpha).extracting(AgentSummary::agentId, AgentSummary::name, AgentSummary::tenant, AgentSummary::closed)
        .containsExactly("agent-a", "alpha", "acme", false);
    assertThat(alpha.status()).isEqualTo(AgentStatus.IDLE);
    assertThat(alpha.startTime()).isNotNull();
    assertThat(client.list("beta", AgentStatus.STOPPED)).singleElement()
        .satisfies(a -> assertThat(a.agentId()).isEqualTo("agent-c"))
        .satisfies(a -> assertThat(a.closed()).isTrue());
    assertThat(client.list(null, AgentStatus.IDLE)).extracting(AgentSummary::agentId)
        .containsExactlyInAnyOrder("agent-a", "agent-b");
    assertThat(client.list("nobody", null)).isEmpty();
  }

  @Test
  void listsShowWhatEachAgentHasUsed() {
    client.start("agent-u", spec("user"));
    client.ask("agent-u", UserMessage.of("hello"), WAIT);

    AgentSummary used = client.list("user", null).get(0);
    assertThat(used.totalTokens()).isEqualTo(client.snapshot("agent-u").usage().tokens().totalTokens()).isPositive();
  }

  @Test
  void listShowsWhatAnAgentIsDoing() {
    String id = client.start("agent-busy", spec("busy"));
    client.send(id, UserMessage.of("fetch it"));

    await().atMost(WAIT).until(() -> client.snapshot(id).status() == AgentStatus.WAITING_FOR_APPROVAL);

    assertThat(client.list(null, AgentStatus.WAITING_FOR_APPROVAL)).extracting(AgentSummary::agentId)
        .containsExactly(id);
  }

  @Test
  void theTestServerAnswers() {
    assertThat(client.isServerReachable(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void nobodyAnswersOnAClosedPort() {
    try (AgentClient nowhere = AgentClient.connect(new ClientSettings("127.0.0.1:1", null, null))) {
      assertThat(nowhere.isServerReachable(Duration.ofSeconds(2))).isFalse();
    }
  }

  @Test
  void unregisteredSearchAttributesAreExplained() {
    try (ClientTestKit bare = new ClientTestKit(false)) {
      assertThatThrownBy(() -> bare.client.start("agent-x", spec("helper")))
          .isInstanceOf(SearchAttributesNotRegisteredException.class)
          .hasMessageContaining("StewardAgentName")
          .hasMessageContaining("temporal operator search-attribute create --namespace default --name StewardStatus --type Keyword");
    }
  }
}
