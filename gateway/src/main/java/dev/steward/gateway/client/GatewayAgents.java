package dev.steward.gateway.client;

import com.google.protobuf.util.Durations;
import dev.steward.client.AgentExport;
import dev.steward.client.AgentSummary;
import dev.steward.client.Agents;
import dev.steward.client.RejectedException;
import dev.steward.client.AgentSpecJson;
import dev.steward.client.spec.AgentFileException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.proto.v1.AgentServiceGrpc.AgentServiceBlockingStub;
import dev.steward.proto.v1.AnswerQuestionRequest;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.DecideRequest;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import dev.steward.proto.v1.RewindRequest;
import dev.steward.proto.v1.SetMemoryRequest;
import dev.steward.proto.v1.GetAgentRequest;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.GetTranscriptResponse;
import dev.steward.proto.v1.ListEventsRequest;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.SendMessageRequest;
import dev.steward.proto.v1.StartAgentRequest;
import dev.steward.proto.v1.StopAgentRequest;
import dev.steward.proto.v1.UpdateSpecRequest;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link Agents} through a Steward gateway: the same operations and exceptions as
 * {@link dev.steward.client.AgentClient}, over {@link StewardGrpcClient}. Everything happens as the
 * API key's tenant; another tenant's agents are not found. Thread-safe.
 *
 * <pre>{@code
 * try (Agents agents = GatewayAgents.connect("gateway.internal:8080", apiKey, true)) {
 *   String id = agents.start(null, Path.of("support.yaml"));
 *   System.out.println(agents.ask(id, UserMessage.of("hello"), Duration.ofMinutes(1)).reply());
 * }
 * }</pre>
 *
 * <p>Unary calls other than {@code ask} wait at most {@link #CALL_DEADLINE} for the gateway.
 */
public final class GatewayAgents implements Agents {

  /** How long a call other than {@code ask} waits for the gateway: 30 s. */
  public static final Duration CALL_DEADLINE = Duration.ofSeconds(30);
  /** How much longer than its own timeout {@code ask} waits, so the gateway's answer arrives first: 5 s. */
  static final Duration ASK_MARGIN = Duration.ofSeconds(5);

  private final StewardGrpcClient grpc;
  private final boolean ownsClient;
  private final GatewayFailures failures;

  /**
   * Over an existing client, which {@link #close()} leaves open.
   *
   * @param target the gateway's {@code host:port}, for messages
   */
  public GatewayAgents(StewardGrpcClient grpc, String target) {
    this(grpc, target, false);
  }

  private GatewayAgents(StewardGrpcClient grpc, String target, boolean ownsClient) {
    this.grpc = Objects.requireNonNull(grpc, "grpc");
    this.ownsClient = ownsClient;
    this.failures = new GatewayFailures(target);
  }

  /**
   * Connects to a gateway. Lazily: this returns at once; the first call says if nobody answers.
   *
   * @param target the gateway's {@code host:port}
   * @param apiKey the API key (sent as {@code authorization: Bearer}); null for a gateway without auth
   * @param tls whether to speak TLS, trusting the JVM's CAs
   */
  public static GatewayAgents connect(String target, String apiKey, boolean tls) {
    return new GatewayAgents(StewardGrpcClient.builder().target(target).apiKey(apiKey).tls(tls).build(), target, true);
  }

  /**
   * Loads the agent file here, with the files beside it (sub-agents, OpenAPI documents), and sends
   * the resolved spec ({@code spec_json}): the gateway reads no files for a spec sent to it.
   */
  @Override
  public String start(String agentId, Path agentFile) {
    String json = AgentSpecJson.write(AgentFiles.load(agentFile));
    return callWithSpec(agentId == null ? "*" : agentId, agentFile, () -> stub().startAgent(
        StartAgentRequest.newBuilder().setAgentId(nz(agentId)).setSpecJson(json).build()).getAgentId());
  }

  @Override
  public void send(String agentId, UserMessage message) {
    call(agentId, () -> stub().sendMessage(SendMessageRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setMessage(message(message)).build()));
  }

  @Override
  public TurnOutcome ask(String agentId, UserMessage message, Duration timeout) {
    return call(agentId, () -> ProtoRecords.outcome(grpc.stub()
        .withDeadlineAfter(timeout.plus(ASK_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
        .ask(AskRequest.newBuilder()
            .setName(StewardGrpcClient.name(agentId))
            .setMessage(message(message))
            .setTimeout(Durations.fromMillis(timeout.toMillis()))
            .build())
        .getOutcome()));
  }

  @Override
  public PendingApproval decide(String agentId, Decision decision) {
    return call(agentId, () -> ProtoRecords.approval(stub().decide(DecideRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId))
        .setCallId(nz(decision.callId()))
        .setApproved(decision.approved())
        .setReason(nz(decision.reason()))
        .setDecidedBy(nz(decision.decidedBy()))
        .build())));
  }

  @Override
  public PendingQuestion answer(String agentId, Answer answer) {
    Objects.requireNonNull(answer, "answer");
    return call(agentId, () -> ProtoRecords.question(stub().answerQuestion(AnswerQuestionRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId))
        .setQuestionId(nz(answer.questionId()))
        .setText(nz(answer.text()))
        .setAnsweredBy(nz(answer.answeredBy()))
        .build())));
  }

  @Override
  public ScheduleState schedule(String agentId, ScheduleAction action) {
    Objects.requireNonNull(action, "action");
    return call(agentId, () -> ProtoRecords.schedule(stub().changeSchedule(ChangeScheduleRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId))
        .setSchedule(nz(action.name()))
        .setAction(scheduleAction(agentId, action.action()))
        .build())));
  }

  /** The wire's action; an unknown one is refused here, in the agent's own words, as over Temporal. */
  private static ChangeScheduleRequest.Action scheduleAction(String agentId, String action) {
    return switch (nz(action)) {
      case "pause" -> ChangeScheduleRequest.Action.ACTION_PAUSE;
      case "resume" -> ChangeScheduleRequest.Action.ACTION_RESUME;
      case "trigger" -> ChangeScheduleRequest.Action.ACTION_TRIGGER;
      case "delete" -> ChangeScheduleRequest.Action.ACTION_DELETE;
      default -> throw new RejectedException(agentId,
          "unknown schedule action '" + action + "'; use pause, resume, trigger or delete", null);
    };
  }

  @Override
  public MemoryBlock setMemory(String agentId, MemoryEdit edit) {
    Objects.requireNonNull(edit, "edit");
    return call(agentId, () -> ProtoRecords.memory(stub().setMemory(SetMemoryRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId))
        .setBlock(nz(edit.block()))
        .setText(nz(edit.text()))
        .setEditedBy(nz(edit.editedBy()))
        .build())));
  }

  @Override
  public int rewind(String agentId, int toTurn) {
    return call(agentId, () -> stub().rewind(RewindRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setToTurn(toTurn).build()).getTurn());
  }

  @Override
  public String fork(String agentId, int atTurn, String newId) {
    return call(agentId, () -> stub().forkAgent(ForkAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setAtTurn(atTurn).setNewAgentId(nz(newId)).build()).getAgentId());
  }

  @Override
  public AgentExport export(String agentId) {
    String json = call(agentId, () -> stub().exportAgent(ExportAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).build()).getExportJson());
    try {
      return AgentExport.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "the gateway's export");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String importAgent(AgentExport export, String agentId) {
    Objects.requireNonNull(export, "export");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    try {
      export.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return call(agentId == null || agentId.isBlank() ? "*" : agentId, () -> stub().importAgent(
        ImportAgentRequest.newBuilder().setExportJson(json.toString(StandardCharsets.UTF_8)).setAgentId(nz(agentId))
            .build()).getAgentId());
  }

  /** Loads the agent file here and sends the resolved spec, as {@link #start} does. */
  @Override
  public void updateSpec(String agentId, Path agentFile) {
    String json = AgentSpecJson.write(AgentFiles.load(agentFile));
    callWithSpec(agentId, agentFile, () -> stub().updateSpec(UpdateSpecRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setSpecJson(json).build()));
  }

  @Override
  public void stop(String agentId, String reason) {
    call(agentId, () -> stub().stopAgent(StopAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setReason(nz(reason)).build()));
  }

  @Override
  public AgentSnapshot snapshot(String agentId) {
    return call(agentId, () -> ProtoRecords.snapshot(stub().getAgent(GetAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).build())));
  }

  /** Read from {@code GetAgent}'s {@code partial_reply}, which the gateway fills while the agent runs. */
  @Override
  public Optional<String> partialReply(String agentId) {
    String text = call(agentId, () -> stub().getAgent(GetAgentRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).build()).getPartialReply());
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  @Override
  public TranscriptPage transcript(String agentId, long fromSeq, int limit) {
    GetTranscriptResponse page = call(agentId, () -> stub().getTranscript(GetTranscriptRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId))
        .setFromSeq(Math.max(1, fromSeq))
        .setPageSize(Math.max(1, limit))
        .build()));
    // The token is opaque; the next page starts right after this one's last entry.
    long nextSeq = page.getNextPageToken().isEmpty() || page.getEntriesCount() == 0 ? 0
        : page.getEntries(page.getEntriesCount() - 1).getSeq() + 1;
    return new TranscriptPage(page.getEntriesList().stream().map(ProtoRecords::entry).toList(), nextSeq,
        page.getTotalSize());
  }

  @Override
  public EventPage events(String agentId, long afterSeq) {
    return call(agentId, () -> ProtoRecords.events(stub().listEvents(ListEventsRequest.newBuilder()
        .setName(StewardGrpcClient.name(agentId)).setAfterSeq(Math.max(0, afterSeq)).build())));
  }

  @Override
  public List<AgentSummary> list(String nameFilter, AgentStatus statusFilter) {
    return call("*", () -> grpc.list(nameFilter, ProtoRecords.status(statusFilter)).stream()
        .map(ProtoRecords::summary).toList());
  }

  /** Closes the connection if {@link #connect} opened it. */
  @Override
  public void close() {
    if (ownsClient) {
      grpc.close();
    }
  }

  // ---- helpers

  private AgentServiceBlockingStub stub() {
    return grpc.stub().withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private <T> T call(String agentId, Supplier<T> request) {
    if (agentId == null || agentId.isBlank()) {
      throw new IllegalArgumentException("an agent id is required");
    }
    try {
      return request.get();
    } catch (StatusRuntimeException e) {
      throw failures.translate(agentId, e);
    }
  }

  /** Like {@link #call}; the gateway's refusal of the spec names {@code agentFile}, as a local problem would. */
  private <T> T callWithSpec(String agentId, Path agentFile, Supplier<T> request) {
    if (agentId == null || agentId.isBlank()) {
      throw new IllegalArgumentException("an agent id is required");
    }
    try {
      return request.get();
    } catch (StatusRuntimeException e) {
      AgentFileException refused = failures.specRefusal(agentFile, e);
      throw refused != null ? refused : failures.translate(agentId, e);
    }
  }

  private static Message message(UserMessage m) {
    if (m == null || m.text() == null || m.text().isBlank()) {
      throw new IllegalArgumentException("message text is empty");
    }
    return Message.newBuilder().setId(nz(m.id())).setText(m.text()).setSender(nz(m.sender())).build();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
