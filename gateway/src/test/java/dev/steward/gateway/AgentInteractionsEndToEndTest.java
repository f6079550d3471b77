package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.detail;
import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import dev.steward.client.Agents;
import dev.steward.client.RejectedException;
import dev.steward.gateway.client.GatewayAgents;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentEvent;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.AnswerQuestionRequest;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import dev.steward.proto.v1.Question;
import dev.steward.proto.v1.Schedule;
import dev.steward.proto.v1.TranscriptEntry;
import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentExport;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.AgentSummary;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.agent.PendingQuestion;
import io.grpc.Status;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What people do to running agents through the gateway, over real TCP against a real worker and
 * Temporal: answer their questions, watch their replies stream, read their memory and schedules.
 */
class AgentInteractionsEndToEndTest {

  static GatewayTestKit kit;
  static StewardGrpcClient acme;
  static StewardGrpcClient globex;
  static Agents acmeAgents;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    globex = kit.client(GatewayTestKit.GLOBEX_KEY);
    acmeAgents = GatewayAgents.connect(kit.target(), GatewayTestKit.ACME_KEY, false);
  }

  @AfterAll
  static void stop() {
    acmeAgents.close();
    acme.close();
    globex.close();
    kit.close();
  }

  static final String FULL_REPLY = "one two three four five six seven eight nine ten eleven twelve";
  /** A scripted model that streams its reply in three pieces, a second apart, like a slow real one. */
  static final String STREAMER = """
      name: streamer
      model:
        provider: scripted
        parameters: {chunk_pause_ms: 1000}
        script: [{steps: [{reply: "%s"}]}]
      """.formatted(FULL_REPLY);

  /** Sends a trip request and waits (on the Watch stream) until the agent asks its question. */
  private static Question askedQuestion(String agentId) throws Exception {
    acme.startAgentNamed(agentId, "planner");
    try (EventStream watch = new EventStream(acme, agentId, 0)) {
      acme.send(agentId, "plan a trip");
      watch.until(AgentEvent.Type.TYPE_TOOL_CALL_REQUESTED);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> acme.get(agentId).getPendingQuestionsCount() == 1);
    return acme.get(agentId).getPendingQuestions(0);
  }

  @Test
  void aPersonAnswersTheAgentsQuestionOverGrpcAndTheTurnGoesOnWithIt() throws Exception {
    Question waiting = askedQuestion("ix-planner");
    Agent agent = acme.get("ix-planner");
    assertThat(agent.getStatus()).isEqualTo(AgentStatus.AGENT_STATUS_WAITING_FOR_ANSWER);
    assertThat(waiting.getQuestion()).isEqualTo("Which city?");
    assertThat(waiting.getDefaultAnswer()).isEqualTo("Porto");
    assertThat(waiting.hasDeadline()).isTrue();
    assertThat(waiting.getAnswered()).isFalse();

    // Another tenant cannot answer it, and learns nothing about it.
    var foreign = failure(() -> globex.answer("ix-planner", waiting.getQuestionId(), "Oslo"));
    assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(acme.get("ix-planner").getPendingQuestionsCount()).isEqualTo(1);

    Question answered;
    try (EventStream watch = new EventStream(acme, "ix-planner", acme.events("ix-planner", 0).getLastSeq())) {
      answered = acme.answer("ix-planner", waiting.getQuestionId(), "Lisbon");
      var turn = watch.until(AgentEvent.Type.TYPE_REPLY);
      assertThat(turn.get(turn.size() - 1).getText()).contains("Booked", "Lisbon");
    }
    assertThat(answered.getAnswered()).isTrue();
    assertThat(answered.getAnswer()).isEqualTo("Lisbon");
    assertThat(answered.getAnsweredBy()).as("default: the caller's tenant").isEqualTo("acme");
    assertThat(acme.get("ix-planner").getPendingQuestionsList()).isEmpty();

    // Answering again, or a question that never was, is refused by the agent: FAILED_PRECONDITION.
    var again = failure(() -> acme.answer("ix-planner", waiting.getQuestionId(), "Rome"));
    var unknown = failure(() -> acme.answer("ix-planner", "no-such-question", "Rome"));
    assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(again.getStatus().getDescription()).contains("already answered");
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    // A request without an answer never reaches the agent.
    var empty = failure(() -> acme.stub().answerQuestion(AnswerQuestionRequest.newBuilder()
        .setName("agents/ix-planner").setQuestionId(waiting.getQuestionId()).setText(" ").build()));
    assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(empty, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("text");
  }

  @Test
  void theAgentsInterfaceAnswersThroughTheGatewayAsItDoesOnTemporal() throws Exception {
    Question waiting = askedQuestion("ix-planner-2");

    PendingQuestion listed = acmeAgents.snapshot("ix-planner-2").pendingQuestions().get(0);
    assertThat(listed.questionId()).isEqualTo(waiting.getQuestionId());
    assertThat(listed.question()).isEqualTo("Which city?");
    assertThat(listed.defaultAnswer()).isEqualTo("Porto");
    assertThat(listed.deadlineMillis()).isPositive();
    assertThat(listed.answer()).isNull();

    PendingQuestion answered = acmeAgents.answer("ix-planner-2", new Answer(waiting.getQuestionId(), "Lisbon", "ops"));
    assertThat(answered.answer()).isEqualTo("Lisbon");
    assertThat(answered.answeredBy()).isEqualTo("ops");
    assertThatThrownBy(() -> acmeAgents.answer("ix-planner-2", new Answer(waiting.getQuestionId(), "Rome", "ops")))
        .isInstanceOf(RejectedException.class).hasMessageContaining("already answered");
  }

  @Test
  void watchStreamsTheReplyAsTheModelWritesItBeforeTheReplyEventWithoutDisturbingSeqs() throws Exception {
    acme.startAgent("ix-streamer", STREAMER);
    List<AgentEvent> events;
    List<String> partials;
    try (EventStream watch = new EventStream(acme, "ix-streamer", 0, true)) {
      acme.send("ix-streamer", "count");
      events = watch.until(AgentEvent.Type.TYPE_REPLY);
      partials = List.copyOf(watch.partials);
    }

    assertThat(events.get(events.size() - 1).getText()).contains(FULL_REPLY);
    assertThat(partials).as("partial replies seen on the stream before the REPLY event").isNotEmpty()
        .allSatisfy(p -> assertThat(FULL_REPLY).startsWith(p))
        .anySatisfy(p -> assertThat(p.length()).isLessThan(FULL_REPLY.length()))
        .doesNotHaveDuplicates();
    // Partial replies are not events: the events still count up one by one from the start.
    assertThat(events).extracting(AgentEvent::getSeq)
        .containsExactly(LongStream.rangeClosed(1, events.size()).boxed().toArray(Long[]::new));

    // A watcher that did not ask for partial replies sees exactly the same events and nothing else.
    try (EventStream plain = new EventStream(acme, "ix-streamer", 0)) {
      assertThat(plain.until(AgentEvent.Type.TYPE_REPLY)).isEqualTo(events);
      assertThat(plain.partials).isEmpty();
    }
  }

  @Test
  void getAgentAndTheAgentsInterfaceShowTheReplyWhileItStreams() {
    acme.startAgent("ix-streamer-2", STREAMER);
    CompletableFuture<TurnOutcome> reply = CompletableFuture.supplyAsync(
        () -> acmeAgents.ask("ix-streamer-2", UserMessage.of("count"), Duration.ofMinutes(1)));
    Set<String> seen = new LinkedHashSet<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      acmeAgents.partialReply("ix-streamer-2").ifPresent(seen::add);
      return reply.isDone();
    });

    assertThat(reply.join().reply()).isEqualTo(FULL_REPLY);
    assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(FULL_REPLY).startsWith(p));
    assertThat(acme.get("ix-streamer-2").getPartialReply()).as("no model call runs now").isEmpty();
    assertThat(acmeAgents.partialReply("ix-streamer-2")).isEmpty();
  }

  /** Memory, a schedule that will not fire during the test, a price, and a context small enough to compact. */
  static final String KEEPER = """
      name: keeper
      model:
        provider: scripted
        parameters: {chunk_pause_ms: 0}
        price: {input_per_million: 1000, output_per_million: 2000}
      memory:
        blocks:
          - {name: human, limit: 2000, description: Who the user is, text: "Name: Ada"}
        context_tokens: 256
      schedules:
        - {name: nightly, every: 24h, message: Tidy up}
      """;

  @Test
  void getAgentCarriesMemorySchedulesAndCompactionAndListingCarriesCostAndTokens() {
    acme.startAgent("ix-keeper", KEEPER);
    acme.startAgent("ix-keeper-idle", KEEPER);
    String longMessage = "tell me about the weather in spring and autumn ".repeat(40);
    for (int i = 0; i < 3; i++) {
      acme.ask("ix-keeper", i + " " + longMessage, Duration.ofSeconds(30));
    }

    Agent agent = acme.get("ix-keeper");
    assertThat(agent.getMemoryList()).singleElement().satisfies(m -> {
      assertThat(m.getName()).isEqualTo("human");
      assertThat(m.getDescription()).isEqualTo("Who the user is");
      assertThat(m.getLimit()).isEqualTo(2000);
      assertThat(m.getText()).isEqualTo("Name: Ada");
    });
    assertThat(agent.getSchedulesList()).singleElement().satisfies(x -> {
      assertThat(x.getName()).isEqualTo("nightly");
      assertThat(x.getDescription()).isNotBlank();
      assertThat(x.getPaused()).isFalse();
      assertThat(x.getFires()).isZero();
      assertThat(x.hasLastFireTime()).isFalse();
      assertThat(x.getNextFireTime().getSeconds()).as("a day from now").isGreaterThan(java.time.Instant.now().getEpochSecond());
    });
    assertThat(agent.getCompactedThroughSeq()).as("older turns were folded into the summary").isPositive();
    assertThat(agent.getSummary()).isNotBlank();
    long total = agent.getUsage().getTokens().getInputTokens() + agent.getUsage().getTokens().getOutputTokens();
    assertThat(agent.getUsage().getTotalTokens()).isEqualTo(total).isPositive();
    assertThat(agent.getUsage().getCostUsd()).isPositive();

    // The same through the Agents interface, as `steward show --gateway` reads it.
    AgentSnapshot snapshot = acmeAgents.snapshot("ix-keeper");
    assertThat(snapshot.memory()).extracting(MemoryBlock::name, MemoryBlock::text).containsExactly(
        org.assertj.core.groups.Tuple.tuple("human", "Name: Ada"));
    assertThat(snapshot.schedules()).extracting(ScheduleState::name).containsExactly("nightly");
    assertThat(snapshot.schedules().get(0).nextFireMillis()).isPositive();
    assertThat(snapshot.compactedThroughSeq()).isEqualTo(agent.getCompactedThroughSeq());
    assertThat(snapshot.summary()).isEqualTo(agent.getSummary());

    // Listing reads usage from search attributes, which the agent publishes as its turns end.
    await().atMost(Duration.ofSeconds(30)).until(() -> acme.list("keeper", null).stream()
        .filter(a -> a.getAgentId().equals("ix-keeper"))
        .anyMatch(a -> a.getUsage().getTotalTokens() == total));
    Agent listed = acme.list("keeper", null).stream().filter(a -> a.getAgentId().equals("ix-keeper")).findFirst()
        .orElseThrow();
    assertThat(listed.getUsage().getCostUsd()).isEqualTo(agent.getUsage().getCostUsd());
    // What `steward list --sort cost --gateway` sorts by.
    List<AgentSummary> summaries = new java.util.ArrayList<>(acmeAgents.list("keeper", null));
    summaries.sort(java.util.Comparator.comparingDouble(AgentSummary::costUsd).reversed());
    assertThat(summaries).extracting(AgentSummary::agentId).containsExactly("ix-keeper", "ix-keeper-idle");
    assertThat(summaries.get(0).totalTokens()).isEqualTo(total);
    assertThat(summaries.get(0).costUsd()).isEqualTo(agent.getUsage().getCostUsd());
    assertThat(summaries.get(1).costUsd()).isZero();
  }

  @Test
  void memoryRewindForkExportAndImportWorkThroughTheGatewayWithinTheCallersTenant() throws Exception {
    acme.startAgent("ix-history", GatewayEndToEndTest.ECHO);
    acme.ask("ix-history", "first", Duration.ofSeconds(30));
    acme.ask("ix-history", "second", Duration.ofSeconds(30));

    MemoryBlock notes = acmeAgents.setMemory("ix-history", new MemoryEdit("notes", "likes tea", null));
    assertThat(notes.name()).isEqualTo("notes");
    assertThat(notes.text()).isEqualTo("likes tea");
    assertThat(acme.get("ix-history").getMemoryList()).extracting(m -> m.getText()).contains("likes tea");

    String fork = acmeAgents.fork("ix-history", 1, "ix-history-fork");
    assertThat(fork).isEqualTo("ix-history-fork");
    Agent forked = acme.get("ix-history-fork");
    assertThat(forked.getTenant()).isEqualTo("acme");
    assertThat(acme.transcript("ix-history-fork")).extracting(e -> e.getText())
        .anySatisfy(t -> assertThat(t).contains("first")).noneSatisfy(t -> assertThat(t).contains("second"));
    assertThatThrownBy(() -> acmeAgents.fork("ix-history", 1, "ix-history-fork"))
        .isInstanceOf(AgentAlreadyExistsException.class).hasMessageContaining("is not available");

    assertThat(acmeAgents.rewind("ix-history", 1)).isEqualTo(1);
    assertThatThrownBy(() -> acmeAgents.rewind("ix-history", 99)).isInstanceOf(RejectedException.class);

    AgentExport export = acmeAgents.export("ix-history");
    assertThat(export.agentId()).isEqualTo("ix-history");
    assertThat(export.agent().spec().name()).isEqualTo("echo");
    // Imported by another tenant, the copy is that tenant's, and only that tenant's.
    try (Agents globexAgents = GatewayAgents.connect(kit.target(), GatewayTestKit.GLOBEX_KEY, false)) {
      String copy = globexAgents.importAgent(export, "ix-history-copy");
      assertThat(globex.get(copy).getTenant()).isEqualTo("globex");
      assertThat(globex.transcript(copy)).extracting(e -> e.getText()).anySatisfy(t -> assertThat(t).contains("first"));
      assertThat(failure(() -> acme.get(copy)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
      assertThatThrownBy(() -> globexAgents.export("ix-history")).isInstanceOf(AgentNotFoundException.class);
      assertThatThrownBy(() -> globexAgents.fork("ix-history", 0, "stolen")).isInstanceOf(AgentNotFoundException.class);
    }
    var notAnExport = failure(() -> acme.stub().importAgent(
        ImportAgentRequest.newBuilder().setExportJson("{\"format\": \"something else\"}").build()));
    assertThat(notAnExport.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  /** Two schedules that will not fire by themselves during the test, and a reply that names its message. */
  static final String TICKER = """
      name: ticker
      model:
        provider: scripted
        parameters: {chunk_pause_ms: 0}
        script: [{steps: [{reply: "ticked {{input}}"}]}]
      schedules:
        - {name: nightly, every: 24h, message: Tidy up}
        - {name: weekly, cron: "0 9 * * 1", timezone: Europe/Paris, message: Plan the week}
      """;

  private static Map<String, Schedule> schedules(StewardGrpcClient client, String agentId) {
    return client.get(agentId).getSchedulesList().stream()
        .collect(Collectors.toMap(Schedule::getName, x -> x, (a, b) -> a, java.util.LinkedHashMap::new));
  }

  @Test
  void changeSchedulePausesResumesTriggersAndDeletesAScheduleOverGrpc() throws Exception {
    acme.startAgent("ix-ticker", TICKER);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> schedules(acme, "ix-ticker").keySet(),
        names -> names.equals(Set.of("nightly", "weekly")));
    // The embedded server has no Temporal Schedules: the agent's own timer fires both.
    assertThat(schedules(acme, "ix-ticker").values()).allSatisfy(x -> assertThat(x.getTemporalScheduleId()).isEmpty());

    Schedule paused = acme.changeSchedule("ix-ticker", "nightly", ChangeScheduleRequest.Action.ACTION_PAUSE);
    assertThat(paused.getName()).isEqualTo("nightly");
    assertThat(paused.getPaused()).isTrue();
    assertThat(paused.hasNextFireTime()).as("no next firing while paused").isFalse();
    assertThat(schedules(acme, "ix-ticker").get("nightly").getPaused()).isTrue();
    assertThat(schedules(acme, "ix-ticker").get("weekly").getPaused()).as("the other one is untouched").isFalse();

    Schedule resumed = acme.changeSchedule("ix-ticker", "nightly", ChangeScheduleRequest.Action.ACTION_RESUME);
    assertThat(resumed.getPaused()).isFalse();
    await().atMost(Duration.ofSeconds(30)).until(() -> schedules(acme, "ix-ticker").get("nightly").hasNextFireTime());
    assertThat(schedules(acme, "ix-ticker").get("nightly").getNextFireTime().getSeconds()).as("a day from now")
        .isGreaterThan(java.time.Instant.now().getEpochSecond());

    // Triggered, it fires once now: its message joins the inbox and the agent runs a turn on it.
    Schedule triggered;
    try (EventStream watch = new EventStream(acme, "ix-ticker", acme.events("ix-ticker", 0).getLastSeq())) {
      triggered = acme.changeSchedule("ix-ticker", "nightly", ChangeScheduleRequest.Action.ACTION_TRIGGER);
      var turn = watch.until(AgentEvent.Type.TYPE_REPLY);
      assertThat(turn.get(turn.size() - 1).getText()).contains("ticked Tidy up");
    }
    assertThat(triggered.getFires()).isEqualTo(1);
    assertThat(triggered.hasLastFireTime()).isTrue();
    assertThat(schedules(acme, "ix-ticker").get("nightly").getFires()).isEqualTo(1);
    assertThat(schedules(acme, "ix-ticker").get("weekly").getFires()).isZero();
    assertThat(acme.transcript("ix-ticker")).filteredOn(e -> e.getKind() == TranscriptEntry.Kind.KIND_USER)
        .singleElement().satisfies(e -> {
          assertThat(e.getAuthor()).isEqualTo("schedule:nightly");
          assertThat(e.getText()).isEqualTo("Tidy up");
        });

    Schedule deleted = acme.changeSchedule("ix-ticker", "nightly", ChangeScheduleRequest.Action.ACTION_DELETE);
    assertThat(deleted.getName()).isEqualTo("nightly");
    assertThat(schedules(acme, "ix-ticker").keySet()).containsExactly("weekly");

    // A schedule the agent does not have (any more) is the agent's to refuse: FAILED_PRECONDITION.
    var gone = failure(() -> acme.changeSchedule("ix-ticker", "nightly", ChangeScheduleRequest.Action.ACTION_PAUSE));
    assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(gone.getStatus().getDescription()).contains("no schedule 'nightly'", "weekly");
    assertThat(detail(gone, PreconditionFailure.class)).isPresent();

    // Requests without a schedule or an action never reach the agent.
    var noAction = failure(() -> acme.stub().changeSchedule(ChangeScheduleRequest.newBuilder()
        .setName("agents/ix-ticker").setSchedule("weekly").build()));
    assertThat(noAction.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(noAction, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("action");
    var noName = failure(() -> acme.changeSchedule("ix-ticker", " ", ChangeScheduleRequest.Action.ACTION_DELETE));
    assertThat(noName.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(noName, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("schedule");
    var badAgent = failure(() -> acme.stub().changeSchedule(ChangeScheduleRequest.newBuilder()
        .setName("ix-ticker").setSchedule("weekly").setAction(ChangeScheduleRequest.Action.ACTION_PAUSE).build()));
    assertThat(detail(badAgent, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("name");

    // Another tenant cannot touch it, and learns nothing about it.
    var foreign = failure(() -> globex.changeSchedule("ix-ticker", "weekly", ChangeScheduleRequest.Action.ACTION_DELETE));
    assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(foreign.getStatus().getDescription()).isEqualTo("agent 'ix-ticker' not found");

    Schedule weekly = schedules(acme, "ix-ticker").get("weekly");
    assertThat(weekly.getPaused()).isFalse();
    assertThat(weekly.getDescription()).contains("0 9 * * 1", "Europe/Paris");
  }

  @Test
  void theAgentsInterfaceChangesSchedulesThroughTheGatewayAsItDoesOnTemporal() {
    acme.startAgent("ix-ticker-2", TICKER);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> acmeAgents.snapshot("ix-ticker-2").schedules().size() == 2);

    ScheduleState paused = acmeAgents.schedule("ix-ticker-2", new ScheduleAction("weekly", "pause"));
    assertThat(paused.name()).isEqualTo("weekly");
    assertThat(paused.paused()).isTrue();
    assertThat(paused.temporalScheduleId()).as("no Temporal Schedule: empty on the wire, null here").isNull();
    assertThat(acmeAgents.snapshot("ix-ticker-2").schedules())
        .extracting(ScheduleState::name, ScheduleState::paused)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nightly", false),
            org.assertj.core.groups.Tuple.tuple("weekly", true));

    assertThatThrownBy(() -> acmeAgents.schedule("ix-ticker-2", new ScheduleAction("hourly", "pause")))
        .isInstanceOf(RejectedException.class)
        .hasMessageStartingWith("agent 'ix-ticker-2' rejected the request: no schedule 'hourly'")
        .satisfies(e -> assertThat(((RejectedException) e).reason()).startsWith("no schedule 'hourly'"));
    assertThatThrownBy(() -> acmeAgents.schedule("ix-ticker-2", new ScheduleAction("weekly", "snooze")))
        .isInstanceOf(RejectedException.class).hasMessageContaining("unknown schedule action 'snooze'");
    try (Agents globexAgents = GatewayAgents.connect(kit.target(), GatewayTestKit.GLOBEX_KEY, false)) {
      assertThatThrownBy(() -> globexAgents.schedule("ix-ticker-2", new ScheduleAction("weekly", "resume")))
          .isInstanceOf(AgentNotFoundException.class);
    }
    assertThat(acmeAgents.schedule("ix-ticker-2", new ScheduleAction("weekly", "resume")).paused()).isFalse();
  }
}
