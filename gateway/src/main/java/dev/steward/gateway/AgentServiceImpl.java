package dev.steward.gateway;

import com.google.protobuf.util.Durations;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.steward.client.AgentAlreadyExistsException;
import dev.steward.client.AgentClient;
import dev.steward.client.AgentExport;
import dev.steward.client.AgentIdUnavailableException;
import dev.steward.client.AgentNotFoundException;
import dev.steward.client.StewardTimeoutException;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AnswerQuestionRequest;
import dev.steward.proto.v1.AgentServiceGrpc;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.Approval;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.AskResponse;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.DecideRequest;
import dev.steward.proto.v1.ExportAgentRequest;
import dev.steward.proto.v1.ExportAgentResponse;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.ImportAgentRequest;
import dev.steward.proto.v1.MemoryBlock;
import dev.steward.proto.v1.RewindRequest;
import dev.steward.proto.v1.RewindResponse;
import dev.steward.proto.v1.Schedule;
import dev.steward.proto.v1.SetMemoryRequest;
import dev.steward.proto.v1.GetAgentRequest;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.GetTranscriptResponse;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListEventsRequest;
import dev.steward.proto.v1.ListEventsResponse;
import dev.steward.proto.v1.ListAgentsResponse;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.Question;
import dev.steward.proto.v1.SendMessageRequest;
import dev.steward.proto.v1.SendMessageResponse;
import dev.steward.proto.v1.StartAgentRequest;
import dev.steward.proto.v1.StopAgentRequest;
import dev.steward.proto.v1.UpdateSpecRequest;
import dev.steward.proto.v1.WatchRequest;
import dev.steward.proto.v1.WatchResponse;
import dev.steward.workflows.agent.AgentCheckpoint;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.ScheduleAction;
import dev.steward.workflows.agent.TranscriptPage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.spec.AgentSpec;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * steward.v1.AgentService over {@link AgentClient}. Every call is scoped to the {@link Caller}'s
 * tenant first ({@link TenantGuard}); the handlers block, so they run on Armeria's blocking executor.
 */
final class AgentServiceImpl extends AgentServiceGrpc.AgentServiceImplBase {

  /** {@code Ask}'s wait when the request gives none. */
  static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofSeconds(60);
  /** The longest {@code Ask} wait a request may ask for. */
  static final Duration MAX_ASK_TIMEOUT = Duration.ofHours(1);
  /** Message texts travel in Temporal payloads; 64 KiB keeps a long conversation far from their limits. */
  static final int MAX_TEXT_CHARS = 64 * 1024;
  static final int MAX_SHORT_FIELD_CHARS = 128;
  static final int DEFAULT_TRANSCRIPT_PAGE = 100;
  static final int MAX_TRANSCRIPT_PAGE = 500;
  /** A transcript sequence number past the end of every transcript. */
  static final long MAX_TRANSCRIPT_SEQ = Integer.MAX_VALUE;

  private final AgentClient client;
  private final SpecCatalog catalog;
  private final RemoteSpecs remote;
  private final TenantGuard guard;
  private final AgentListing listing;
  private final WatchRegistry watches;

  AgentServiceImpl(AgentClient client, SpecCatalog catalog, RemoteSpecs remote, WatchRegistry watches) {
    this.client = client;
    this.catalog = catalog;
    this.remote = remote;
    this.guard = new TenantGuard(client);
    this.listing = new AgentListing(client);
    this.watches = watches;
  }

  @Override
  public void startAgent(StartAgentRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String tenant = Caller.current().tenant();
      String requestedId = AgentNames.checkId(request.getAgentId(), "agent_id");
      AgentSpec spec = spec(startSource(request), request.getSpecYaml(), request.getSpecJson(), request.getSpecName());
      // The client refuses an id held by another tenant (running or stopped) or by a workflow that
      // is not an agent, with one message for all (AgentIdUnavailableException): nothing to probe.
      String id = client.start(requestedId, spec, tenant);
      requireOwnedOrUnavailable(id, tenant);
      return current(id, spec, tenant);
    });
  }

  /** Defence in depth after a start: an id that is not the caller's answers like any unavailable id. */
  private void requireOwnedOrUnavailable(String agentId, String tenant) {
    try {
      guard.requireOwned(agentId, tenant);
    } catch (AgentNotFoundException e) {
      throw new AgentIdUnavailableException(agentId);
    }
  }

  /** The agent's snapshot; right after a start, before its first step ran, what the start said. */
  private Agent current(String agentId, AgentSpec spec, String tenant) {
    try {
      return ProtoMapping.agent(client.snapshot(agentId));
    } catch (RuntimeException e) {
      return ProtoMapping.started(agentId, spec, tenant);
    }
  }

  @Override
  public void sendMessage(SendMessageRequest request, StreamObserver<SendMessageResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      UserMessage message = message(request.hasMessage() ? request.getMessage() : null, true);
      client.send(id, message);
      return SendMessageResponse.newBuilder().setMessageId(message.id()).build();
    });
  }

  @Override
  public void ask(AskRequest request, StreamObserver<AskResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      UserMessage message = message(request.hasMessage() ? request.getMessage() : null, false);
      Duration timeout = askTimeout(request);
      return AskResponse.newBuilder().setOutcome(ProtoMapping.outcome(client.ask(id, message, timeout))).build();
    });
  }

  private static Duration askTimeout(AskRequest request) {
    Duration timeout = DEFAULT_ASK_TIMEOUT;
    if (request.hasTimeout()) {
      com.google.protobuf.Duration given = request.getTimeout();
      if (!Durations.isValid(given) || given.getSeconds() < 0 || (given.getSeconds() == 0 && given.getNanos() <= 0)) {
        throw new BadRequestException("timeout", "must be a positive duration, at most 1 hour");
      }
      // Seconds first: the largest valid durations overflow a count of nanoseconds.
      timeout = Duration.ofSeconds(given.getSeconds(), given.getNanos());
      if (timeout.compareTo(MAX_ASK_TIMEOUT) > 0) {
        throw new BadRequestException("timeout", "must be at most 1 hour; use SendMessage and Watch for longer turns");
      }
    }
    long remaining = Caller.current().remainingNanos();
    if (remaining <= 0) {
      throw new StewardTimeoutException("the call's deadline passed before the message was sent", false, null);
    }
    // Stop waiting a little before the caller does, so it gets our answer rather than its own timeout.
    Duration callerBound = Duration.ofNanos(remaining).minusMillis(50);
    return callerBound.compareTo(timeout) < 0 ? (callerBound.isNegative() ? Duration.ofMillis(1) : callerBound)
        : timeout;
  }

  @Override
  public void decide(DecideRequest request, StreamObserver<Approval> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getCallId().isBlank()) {
        throw new BadRequestException("call_id", "required: the id of a pending tool call");
      }
      checkLength("call_id", request.getCallId(), MAX_SHORT_FIELD_CHARS);
      checkLength("reason", request.getReason(), MAX_TEXT_CHARS);
      checkLength("decided_by", request.getDecidedBy(), MAX_SHORT_FIELD_CHARS);
      String by = request.getDecidedBy().isBlank() ? Caller.current().tenant() : request.getDecidedBy();
      Decision decision = new Decision(request.getCallId(), request.getApproved(),
          request.getReason().isBlank() ? null : request.getReason(), by);
      return ProtoMapping.approval(client.decide(id, decision));
    });
  }

  @Override
  public void answerQuestion(AnswerQuestionRequest request, StreamObserver<Question> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getQuestionId().isBlank()) {
        throw new BadRequestException("question_id", "required: the id of a question the agent asked");
      }
      checkLength("question_id", request.getQuestionId(), MAX_SHORT_FIELD_CHARS);
      if (request.getText().isBlank()) {
        throw new BadRequestException("text", "required: the answer");
      }
      checkLength("text", request.getText(), MAX_TEXT_CHARS);
      checkLength("answered_by", request.getAnsweredBy(), MAX_SHORT_FIELD_CHARS);
      String by = request.getAnsweredBy().isBlank() ? Caller.current().tenant() : request.getAnsweredBy();
      return ProtoMapping.question(client.answer(id, new Answer(request.getQuestionId(), request.getText(), by)));
    });
  }

  @Override
  public void setMemory(SetMemoryRequest request, StreamObserver<MemoryBlock> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getBlock().isBlank()) {
        throw new BadRequestException("block", "required: the memory block's name");
      }
      checkLength("block", request.getBlock(), MAX_SHORT_FIELD_CHARS);
      checkLength("text", request.getText(), MAX_TEXT_CHARS);
      checkLength("edited_by", request.getEditedBy(), MAX_SHORT_FIELD_CHARS);
      String by = request.getEditedBy().isBlank() ? Caller.current().tenant() : request.getEditedBy();
      return ProtoMapping.memory(client.setMemory(id, new MemoryEdit(request.getBlock(), request.getText(), by)));
    });
  }

  @Override
  public void changeSchedule(ChangeScheduleRequest request, StreamObserver<Schedule> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getSchedule().isBlank()) {
        throw new BadRequestException("schedule", "required: the schedule's name, as in the agent's schedules");
      }
      checkLength("schedule", request.getSchedule(), MAX_SHORT_FIELD_CHARS);
      String action = switch (request.getAction()) {
        case ACTION_PAUSE -> "pause";
        case ACTION_RESUME -> "resume";
        case ACTION_TRIGGER -> "trigger";
        case ACTION_DELETE -> "delete";
        case ACTION_UNSPECIFIED, UNRECOGNIZED -> throw new BadRequestException("action",
            "required: ACTION_PAUSE, ACTION_RESUME, ACTION_TRIGGER or ACTION_DELETE");
      };
      // An unknown schedule is the agent's to refuse (its update validator): FAILED_PRECONDITION.
      return ProtoMapping.schedule(client.schedule(id, new ScheduleAction(request.getSchedule(), action)));
    });
  }

  @Override
  public void rewind(RewindRequest request, StreamObserver<RewindResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getToTurn() < 0) {
        throw new BadRequestException("to_turn", "must not be negative");
      }
      requireReachedTurn(id, "to_turn", request.getToTurn());
      return RewindResponse.newBuilder().setTurn(client.rewind(id, request.getToTurn())).build();
    });
  }

  @Override
  public void forkAgent(ForkAgentRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String tenant = Caller.current().tenant();
      String id = owned(request.getName());
      if (request.getAtTurn() < 0) {
        throw new BadRequestException("at_turn", "must not be negative; 0 for the agent as it is now");
      }
      requireReachedTurn(id, "at_turn", request.getAtTurn());
      String newId = AgentNames.checkId(request.getNewAgentId(), "new_agent_id");
      AgentCheckpoint at = client.checkpoint(id, request.getAtTurn());
      return startCopy(newId, new AgentCheckpoint(at.spec(), tenant, at.state()), tenant);
    });
  }

  @Override
  public void exportAgent(ExportAgentRequest request, StreamObserver<ExportAgentResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      try {
        client.export(id).write(json);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ExportAgentResponse.newBuilder().setExportJson(json.toString(StandardCharsets.UTF_8)).build();
    });
  }

  @Override
  public void importAgent(ImportAgentRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String tenant = Caller.current().tenant();
      String newId = AgentNames.checkId(request.getAgentId(), "agent_id");
      if (request.getExportJson().isBlank()) {
        throw new BadRequestException("export_json", "required: an agent export (format " + AgentExport.FORMAT + ")");
      }
      AgentExport export;
      try {
        export = AgentExport.read(new ByteArrayInputStream(request.getExportJson().getBytes(StandardCharsets.UTF_8)),
            "export_json");
      } catch (IllegalArgumentException | IOException e) {
        throw new BadRequestException("export_json", e.getMessage());
      }
      if (export.agent().spec().name() == null || export.agent().spec().model() == null) {
        throw new BadRequestException("export_json", "the export's spec needs a name and a model");
      }
      // An export is a spec from the caller like any other (and a pending spec would apply next turn).
      remote.check("export_json", "agent.spec.", export.agent().spec());
      if (export.agent().state() != null && export.agent().state().pendingSpec() != null) {
        remote.check("export_json", "agent.state.pendingSpec.", export.agent().state().pendingSpec());
      }
      // Whoever exported it, the import belongs to the caller.
      return startCopy(newId, new AgentCheckpoint(export.agent().spec(), tenant, export.agent().state()), tenant);
    });
  }

  /** Starts a new agent from a checkpoint (fork, import); an id in use, by anyone, is simply unavailable. */
  private Agent startCopy(String newId, AgentCheckpoint checkpoint, String tenant) {
    String started;
    try {
      started = client.startFrom(newId, checkpoint);
    } catch (AgentAlreadyExistsException e) {
      throw new AgentIdUnavailableException(e.agentId());
    }
    return current(started, checkpoint.spec(), tenant);
  }

  @Override
  public void getAgent(GetAgentRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String id = AgentNames.parse(request.getName(), "name");
      AgentSnapshot snapshot = client.snapshot(id);
      if (!Caller.current().tenant().equals(snapshot.tenant())) {
        throw new AgentNotFoundException(id, null);
      }
      Agent agent = ProtoMapping.agent(snapshot);
      return snapshot.status() == dev.steward.workflows.agent.AgentStatus.RUNNING
          ? agent.toBuilder().setPartialReply(partialReply(id)).build() : agent;
    });
  }

  @Override
  public void getTranscript(GetTranscriptRequest request, StreamObserver<GetTranscriptResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getPageSize() < 0) {
        throw new BadRequestException("page_size", "must not be negative");
      }
      int size = request.getPageSize() == 0 ? DEFAULT_TRANSCRIPT_PAGE : Math.min(request.getPageSize(), MAX_TRANSCRIPT_PAGE);
      if (request.getFromSeq() < 0) {
        throw new BadRequestException("from_seq", "must not be negative");
      }
      long from = request.getPageToken().isEmpty() && request.getFromSeq() > 0 ? request.getFromSeq()
          : PageTokens.transcriptStart(request.getPageToken());
      // No transcript holds 2^31 entries: any later start is simply past the end (and the agent
      // counts its entries in an int).
      TranscriptPage page = client.transcript(id, Math.min(from, MAX_TRANSCRIPT_SEQ), size);
      GetTranscriptResponse.Builder response = GetTranscriptResponse.newBuilder()
          .setTotalSize(page.total())
          .setNextPageToken(PageTokens.transcriptToken(page.nextSeq()));
      page.entries().forEach(e -> response.addEntries(ProtoMapping.entry(e)));
      return response.build();
    });
  }

  @Override
  public void listAgents(ListAgentsRequest request, StreamObserver<ListAgentsResponse> out) {
    unary(out, () -> listing.list(request, Caller.current().tenant()));
  }

  @Override
  public void stopAgent(StopAgentRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      checkLength("reason", request.getReason(), MAX_TEXT_CHARS);
      try {
        client.stop(id, request.getReason().isBlank() ? null : request.getReason());
      } catch (AgentNotFoundException e) {
        // It exists (the guard saw it) but no longer runs: stopping it again changes nothing.
      }
      try {
        return ProtoMapping.agent(client.snapshot(id));
      } catch (RuntimeException e) {
        return Agent.newBuilder().setName(AgentNames.name(id)).setAgentId(id).setTenant(Caller.current().tenant())
            .setStatus(AgentStatus.AGENT_STATUS_STOPPED).build();
      }
    });
  }

  @Override
  public void updateSpec(UpdateSpecRequest request, StreamObserver<Agent> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      String source = switch (request.getSpecSourceCase()) {
        case SPEC_NAME -> "spec_name";
        case SPEC_JSON -> "spec_json";
        case SPEC_YAML, SPECSOURCE_NOT_SET -> "spec_yaml";
      };
      AgentSpec spec = spec(source, request.getSpecYaml(), request.getSpecJson(), request.getSpecName());
      AgentSnapshot before = client.snapshot(id);
      if (before.spec() != null && !before.spec().name().equals(spec.name())) {
        throw new BadRequestException(source,
            "the agent's name must stay '" + before.spec().name() + "'; start a new agent for another one");
      }
      client.updateSpec(id, spec);
      return ProtoMapping.agent(client.snapshot(id));
    });
  }

  @Override
  public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> out) {
    unary(out, () -> {
      String id = owned(request.getName());
      if (request.getAfterSeq() < 0) {
        throw new BadRequestException("after_seq", "must not be negative");
      }
      EventPage page = client.events(id, request.getAfterSeq());
      ListEventsResponse.Builder response = ListEventsResponse.newBuilder()
          .setLastSeq(page.lastSeq())
          .setOldestSeq(page.oldestSeq())
          .setStopped(page.stopped());
      page.events().forEach(e -> response.addEvents(ProtoMapping.event(e)));
      return response.build();
    });
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<WatchResponse> out) {
    try {
      String id = owned(request.getName());
      if (request.getAfterSeq() < 0) {
        throw new BadRequestException("after_seq", "must not be negative");
      }
      ServiceRequestContext ctx = ServiceRequestContext.current();
      new AgentWatch(client, id, request.getAfterSeq(), request.getPartialReplies(),
          (ServerCallStreamObserver<WatchResponse>) out,
          ctx.blockingTaskExecutor(), watches).start();
    } catch (Throwable e) {
      out.onError(GrpcErrors.toStatus(e));
    }
  }

  // ---- helpers

  private static String startSource(StartAgentRequest request) {
    return switch (request.getSpecSourceCase()) {
      case SPEC_NAME -> "spec_name";
      case SPEC_JSON -> "spec_json";
      case SPEC_YAML, SPECSOURCE_NOT_SET -> "spec_yaml";
    };
  }

  /**
   * The spec a request gives in {@code source}: the caller's YAML or resolved JSON, checked by
   * {@link RemoteSpecs}, or an agent file of the gateway's agents folder by name.
   */
  private AgentSpec spec(String source, String yaml, String json, String name) {
    return switch (source) {
      case "spec_name" -> catalog.named(name);
      case "spec_json" -> {
        if (json.isBlank()) {
          throw new BadRequestException("spec_json", "required: the resolved agent spec as JSON");
        }
        yield remote.fromJson(json);
      }
      default -> {
        if (yaml.isBlank()) {
          throw new BadRequestException("spec_yaml",
              "required: give the agent file as spec_yaml, the resolved spec as spec_json, or spec_name");
        }
        yield remote.fromYaml(yaml);
      }
    };
  }

  /** The running model call's text so far; empty when none runs or it cannot be read right now. */
  private String partialReply(String agentId) {
    try {
      return client.partialReply(agentId).orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /**
   * A turn the agent has not reached is out of range for the caller (the agent itself would fork
   * its current state for it, or refuse a rewind as a precondition).
   */
  private void requireReachedTurn(String agentId, String field, int turn) {
    int current = client.snapshot(agentId).turn();
    if (turn > current) {
      throw new BadRequestException(field, "is " + turn + ", but the agent has reached turn " + current + " only");
    }
  }

  /** The id in {@code name}, once the agent is known to be the caller's. */
  private String owned(String name) {
    String id = AgentNames.parse(name, "name");
    guard.requireOwned(id, Caller.current().tenant());
    return id;
  }

  /** Checks a message; {@code assignId} gives an id-less message one, so the caller learns it. */
  private static UserMessage message(Message m, boolean assignId) {
    if (m == null || m.getText().isBlank()) {
      throw new BadRequestException("message.text", "required: the message's text");
    }
    checkLength("message.text", m.getText(), MAX_TEXT_CHARS);
    checkLength("message.id", m.getId(), MAX_SHORT_FIELD_CHARS);
    checkLength("message.sender", m.getSender(), MAX_SHORT_FIELD_CHARS);
    String id = m.getId().isBlank() ? (assignId ? "msg-" + UUID.randomUUID() : null) : m.getId();
    return new UserMessage(id, m.getText(), m.getSender().isBlank() ? null : m.getSender());
  }

  private static void checkLength(String field, String value, int max) {
    if (value.length() > max) {
      throw new BadRequestException(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
    }
  }

  private static <T> void unary(StreamObserver<T> out, Supplier<T> handler) {
    T result;
    try {
      result = handler.get();
    } catch (Throwable e) {
      out.onError(GrpcErrors.toStatus(e));
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

}
