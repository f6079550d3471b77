package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.conversations.Conversation;
import com.openai.models.conversations.items.ConversationItem;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.core.http.StreamResponse;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.TranscriptEntry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK, changed only in base URL and key, against a real gateway and worker:
 * every body it exchanges passes through {@link ValidatingProxy}, which checks it against OpenAI's
 * published OpenAPI document.
 */
class OpenAiSdkTest {

  static GatewayTestKit kit;
  static ValidatingProxy proxy;
  static OpenAIClient acme;
  static OpenAIClient globex;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    proxy = new ValidatingProxy(kit.gateway.port());
    acme = client(GatewayTestKit.ACME_KEY);
    globex = client(GatewayTestKit.GLOBEX_KEY);
  }

  static OpenAIClient client(String key) {
    return OpenAIOkHttpClient.builder().baseUrl(proxy.baseUrl()).apiKey(key).maxRetries(0)
        .timeout(Duration.ofSeconds(60)).build();
  }

  @AfterEach
  void bodiesFollowOpenAisDocument() {
    assertThat(proxy.violations()).isEmpty();
  }

  @AfterAll
  static void stop() {
    acme.close();
    globex.close();
    proxy.close();
    kit.close();
  }

  /** The agent id a response id carries (see ResponseId). */
  static String agentOf(String responseId) {
    String raw = new String(Base64.getUrlDecoder().decode(responseId.substring("resp_".length())),
        StandardCharsets.UTF_8);
    return raw.split("\n")[0];
  }

  static String text(Response response) {
    StringBuilder text = new StringBuilder();
    response.output().stream().filter(ResponseOutputItem::isMessage)
        .flatMap(m -> m.asMessage().content().stream())
        .filter(c -> c.isOutputText()).forEach(c -> text.append(c.asOutputText().text()));
    return text.toString();
  }

  @Test
  void aNewResponsesAgentStartsWithItsFirstMessage() {
    Response first = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("first of all").build());

    assertThat(text(first)).isEqualTo("echo: first of all");
    // Update-with-start: the message was accepted in the agent's very first workflow task.
    List<EventType> events = kit.agentClient.workflowClient().fetchHistory(agentOf(first.id())).getEvents().stream()
        .map(HistoryEvent::getEventType).toList();
    int firstTaskDone = events.indexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    int accepted = events.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    assertThat(accepted).isGreaterThan(firstTaskDone);
    assertThat(events.subList(firstTaskDone + 1, accepted)).doesNotContain(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  }

  @Test
  void createsAResponseAndContinuesTheSameAgentWithPreviousResponseId() {
    Response first = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("hello there")
        .metadata(ResponseCreateParams.Metadata.builder().putAdditionalProperty("ticket", JsonValue.from("T-1")).build())
        .build());
    // No model: a continued response reports its agent's.
    Response second = acme.responses().create(ResponseCreateParams.builder().input("and again")
        .previousResponseId(first.id()).build());

    assertThat(first.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(first)).isEqualTo("echo: hello there");
    assertThat(first.usage().orElseThrow().inputTokens()).isPositive();
    assertThat(first.usage().orElseThrow().outputTokens()).isPositive();
    // The scripted clerk reports 2 prompt tokens from a cache; the sum of the turn's calls arrives.
    assertThat(first.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(2);
    assertThat(first.metadata().orElseThrow()._additionalProperties().get("ticket")).isEqualTo(JsonValue.from("T-1"));
    assertThat(text(second)).isEqualTo("echo: and again");
    assertThat(second.previousResponseId()).contains(first.id());
    assertThat(second.model().asString()).isEqualTo("clerk");
    assertThat(agentOf(second.id())).isEqualTo(agentOf(first.id()));
    AgentSnapshot agent = kit.agentClient.snapshot(agentOf(first.id()));
    assertThat(agent.turn()).isEqualTo(2);
    assertThat(agent.tenant()).isEqualTo("acme");
    Response again = acme.responses().retrieve(first.id());
    assertThat(text(again)).isEqualTo("echo: hello there");
    assertThat(again.metadata().orElseThrow()._additionalProperties().get("ticket")).isEqualTo(JsonValue.from("T-1"));
  }

  @Test
  void streamsOpenAisEventsWithTheReplyInDeltas() {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = acme.responses().createStreaming(
        ResponseCreateParams.builder().model("clerk").input("stream this reply to me please").build())) {
      stream.stream().forEach(events::add);
    }

    StringBuilder deltas = new StringBuilder();
    events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
        .forEach(e -> deltas.append(e.asOutputTextDelta().delta()));
    assertThat(events.get(0).isCreated()).isTrue();
    assertThat(events.get(1).isInProgress()).isTrue();
    assertThat(events).anyMatch(ResponseStreamEvent::isOutputItemAdded).anyMatch(ResponseStreamEvent::isContentPartAdded)
        .anyMatch(ResponseStreamEvent::isOutputTextDone).anyMatch(ResponseStreamEvent::isOutputItemDone);
    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isCompleted()).isTrue();
    assertThat(deltas.toString()).isEqualTo("echo: stream this reply to me please");
    assertThat(text(last.asCompleted().response())).isEqualTo("echo: stream this reply to me please");
  }

  @Test
  void streamedDeltasComeFromTheModelCallAsItRuns() {
    List<String> deltas = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = acme.responses().createStreaming(ResponseCreateParams.builder()
        .model("narrator").input("once upon a time there was a durable agent").build())) {
      stream.stream().filter(ResponseStreamEvent::isOutputTextDelta)
          .forEach(e -> deltas.add(e.asOutputTextDelta().delta()));
    }

    assertThat(deltas).as("the reply in more than one piece").hasSizeGreaterThan(1);
    assertThat(String.join("", deltas)).isEqualTo("echo: once upon a time there was a durable agent");
  }

  @Test
  void aStreamedTurnThatWaitsForApprovalEndsIncompleteWithThePendingCall() {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = acme.responses().createStreaming(ResponseCreateParams.builder()
        .model("clerk").input("the time, please").build())) {
      stream.stream().forEach(events::add);
    }

    ResponseStreamEvent last = events.get(events.size() - 1);
    assertThat(last.isIncomplete()).isTrue();
    assertThat(last.asIncomplete().response().output().get(0).asMcpApprovalRequest().name()).isEqualTo("current_time");
    assertThat(events).anyMatch(e -> e.isOutputItemAdded() && e.asOutputItemAdded().item().isMcpApprovalRequest());
  }

  @Test
  void aBackgroundResponseIsPolledUntilCompleted() {
    Response started = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("in the background")
        .background(true).build());

    assertThat(started.status().orElseThrow()).isIn(ResponseStatus.QUEUED, ResponseStatus.IN_PROGRESS,
        ResponseStatus.COMPLETED);
    assertThat(started.background()).contains(true);
    await().atMost(Duration.ofSeconds(30)).until(() ->
        ResponseStatus.COMPLETED.equals(acme.responses().retrieve(started.id()).status().orElseThrow()));
    assertThat(text(acme.responses().retrieve(started.id()))).isEqualTo("echo: in the background");
  }

  @Test
  void aTurnWaitingForApprovalIsIncompleteAndAFollowUpApprovesIt() {
    Response waiting = acme.responses().create(ResponseCreateParams.builder().model("clerk")
        .input("what time is it?").build());

    assertThat(waiting.status()).contains(ResponseStatus.INCOMPLETE);
    ResponseOutputItem.McpApprovalRequest request = waiting.output().get(0).asMcpApprovalRequest();
    assertThat(request.name()).isEqualTo("current_time");
    Response approved = acme.responses().create(ResponseCreateParams.builder()
        .previousResponseId(waiting.id())
        .inputOfResponse(List.of(ResponseInputItem.ofMcpApprovalResponse(ResponseInputItem.McpApprovalResponse.builder()
            .approvalRequestId(request.id()).approve(true).build())))
        .build());
    assertThat(approved.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(approved)).startsWith("The time is ");
    assertThat(kit.agentClient.snapshot(agentOf(waiting.id())).turn()).as("one turn, resumed").isEqualTo(1);
  }

  @Test
  void aQuestionToAPersonIsAFunctionCallAnsweredByItsOutput() {
    Response asking = acme.responses().create(ResponseCreateParams.builder().model("planner")
        .input("plan a trip").build());

    assertThat(asking.status()).contains(ResponseStatus.INCOMPLETE);
    var call = asking.output().get(0).asFunctionCall();
    assertThat(call.name()).isEqualTo("ask_human");
    assertThat(call.arguments()).contains("Which city?");
    Response booked = acme.responses().create(ResponseCreateParams.builder()
        .previousResponseId(asking.id())
        .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
            .callId(call.callId()).output("Lisbon").build())))
        .build());
    assertThat(text(booked)).isEqualTo("Booked Lisbon");
  }

  @Test
  void cancellingABackgroundResponseCancelsItsTurnAndTheConversationGoesOn() {
    Response started = acme.responses().create(ResponseCreateParams.builder().model("clerk")
        .input("time please").background(true).build());
    await().atMost(Duration.ofSeconds(30)).until(() ->
        ResponseStatus.INCOMPLETE.equals(acme.responses().retrieve(started.id()).status().orElseThrow()));

    Response cancelled = acme.responses().cancel(started.id());

    assertThat(cancelled.status()).contains(ResponseStatus.CANCELLED);
    assertThat(acme.responses().retrieve(started.id()).status()).contains(ResponseStatus.CANCELLED);
    // The agent lives on: a follow-up continues the same conversation.
    Response next = acme.responses().create(ResponseCreateParams.builder().input("never mind")
        .previousResponseId(started.id()).build());
    assertThat(next.status()).contains(ResponseStatus.COMPLETED);
    assertThat(text(next)).isEqualTo("echo: never mind");
    assertThat(agentOf(next.id())).isEqualTo(agentOf(started.id()));
    assertThat(kit.agentClient.snapshot(agentOf(started.id())).turn()).isEqualTo(2);
  }

  @Test
  void aConversationIsOneAgentWhoseTranscriptIsItsItems() {
    Conversation conversation = acme.conversations().create();
    acme.responses().create(ResponseCreateParams.builder().model("clerk").input("first")
        .conversation(conversation.id()).build());
    Response second = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("second")
        .conversation(conversation.id()).build());

    assertThat(text(second)).isEqualTo("echo: second");
    assertThat(second.conversation().orElseThrow().id()).isEqualTo(conversation.id());
    List<ConversationItem> items = acme.conversations().items().list(conversation.id(),
        com.openai.models.conversations.items.ItemListParams.builder()
            .order(com.openai.models.conversations.items.ItemListParams.Order.ASC).build()).data();
    assertThat(items).extracting(i -> i.asMessage().role().toString()).containsExactly("user", "assistant", "user",
        "assistant");
    assertThat(acme.conversations().retrieve(conversation.id()).id()).isEqualTo(conversation.id());
    assertThatThrownBy(() -> globex.conversations().retrieve(conversation.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> globex.conversations().items().list(conversation.id()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> globex.responses().create(ResponseCreateParams.builder().model("clerk").input("mine now")
        .conversation(conversation.id()).build())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> globex.conversations().delete(conversation.id())).isInstanceOf(NotFoundException.class);
    assertThat(acme.conversations().delete(conversation.id()).deleted()).isTrue();
    await().atMost(Duration.ofSeconds(30)).until(() ->
        kit.agentClient.snapshot(agentOf(second.id())).status() == dev.steward.workflows.agent.AgentStatus.STOPPED);
    List<TranscriptEntry> transcript = kit.agentClient.transcript(agentOf(second.id()), 1, 100).entries();
    assertThat(transcript).filteredOn(e -> e.kind() == TranscriptEntry.Kind.USER).extracting(TranscriptEntry::text)
        .containsExactly("first", "second");
  }

  @Test
  void anotherTenantsResponseIsNotFound() {
    Response mine = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("mine").build());

    assertThatThrownBy(() -> globex.responses().retrieve(mine.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> globex.responses().cancel(mine.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> globex.responses().create(ResponseCreateParams.builder().model("clerk").input("theirs")
        .previousResponseId(mine.id()).build())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void errorsComeInOpenAisShapeAndTheSdksExceptions() {
    assertThatThrownBy(() -> acme.responses().create(ResponseCreateParams.builder().model("no-such-spec").input("hi")
        .build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("model");
          assertThat(e.type()).contains("invalid_request_error");
          assertThat(e.code()).contains("model_not_found");
        });
    assertThatThrownBy(() -> acme.responses().create(ResponseCreateParams.builder().model("clerk").input("hi")
        .addTool(FunctionTool.builder().name("rm_rf").parameters(FunctionTool.Parameters.builder().build())
            .strict(false).build())
        .build()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> {
          assertThat(e.param()).contains("tools[0]");
          assertThat(e.getMessage()).contains("does not allow 'rm_rf'").contains("current_time");
        });
    assertThatThrownBy(() -> acme.responses().retrieve("resp_bm90LW91cnM")).isInstanceOf(NotFoundException.class);
    Response kept = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("keep me").build());
    assertThatThrownBy(() -> acme.responses().delete(kept.id()))
        .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.code()).contains("unsupported"));
    OpenAIClient stranger = client("not-a-key");
    try {
      assertThatThrownBy(() -> stranger.responses().create(ResponseCreateParams.builder().model("clerk").input("hi")
          .build())).isInstanceOf(UnauthorizedException.class);
    } finally {
      stranger.close();
    }
  }

  @Test
  void storeFalseIsAOneTurnAgentThatStopsAfterItsReply() {
    Response once = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("just once")
        .store(false).build());

    assertThat(text(once)).isEqualTo("echo: just once");
    assertThat(once._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
    await().atMost(Duration.ofSeconds(30)).until(() ->
        kit.agentClient.snapshot(agentOf(once.id())).status() == dev.steward.workflows.agent.AgentStatus.STOPPED);
  }

  @Test
  void aSpecsOwnToolMayBeListedAndLimitsTheAgentToIt() {
    Response response = acme.responses().create(ResponseCreateParams.builder().model("clerk").input("hello")
        .addTool(FunctionTool.builder().name("current_time").parameters(FunctionTool.Parameters.builder().build())
            .strict(false).build())
        .build());

    assertThat(text(response)).isEqualTo("echo: hello");
    assertThat(kit.agentClient.snapshot(agentOf(response.id())).spec().tools()).extracting(t -> t.name())
        .containsExactly("current_time");
  }
}
