package dev.steward.gateway.client;

import com.google.protobuf.util.Durations;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentServiceGrpc;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.Approval;
import dev.steward.proto.v1.AnswerQuestionRequest;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.DecideRequest;
import dev.steward.proto.v1.GetAgentRequest;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.GetTranscriptResponse;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListAgentsResponse;
import dev.steward.proto.v1.ListEventsRequest;
import dev.steward.proto.v1.ListEventsResponse;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.Question;
import dev.steward.proto.v1.Schedule;
import dev.steward.proto.v1.SendMessageRequest;
import dev.steward.proto.v1.StartAgentRequest;
import dev.steward.proto.v1.StopAgentRequest;
import dev.steward.proto.v1.TranscriptEntry;
import dev.steward.proto.v1.TurnOutcome;
import dev.steward.proto.v1.UpdateSpecRequest;
import dev.steward.proto.v1.WatchRequest;
import dev.steward.proto.v1.WatchResponse;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A Java client for the Steward gateway, for JVM services that drive agents. Thread-safe; share one
 * per process. Calls throw {@link io.grpc.StatusRuntimeException} with the gateway's status codes
 * (NOT_FOUND, INVALID_ARGUMENT with {@code google.rpc.BadRequest} details, ...).
 *
 * <pre>{@code
 * try (StewardGrpcClient steward = StewardGrpcClient.builder().target("localhost:8080").apiKey(key).build()) {
 *   String id = steward.startAgent("support-42", Files.readString(agentFile)).getAgentId();
 *   System.out.println(steward.ask(id, "hello", Duration.ofMinutes(1)).getReply());
 * }
 * }</pre>
 */
public final class StewardGrpcClient implements AutoCloseable {

  private final ManagedChannel channel;
  private final AgentServiceGrpc.AgentServiceBlockingStub stub;
  private final AgentServiceGrpc.AgentServiceStub asyncStub;

  private StewardGrpcClient(ManagedChannel channel, CallCredentials credentials) {
    this.channel = channel;
    AgentServiceGrpc.AgentServiceBlockingStub blocking = AgentServiceGrpc.newBlockingStub(channel);
    AgentServiceGrpc.AgentServiceStub async = AgentServiceGrpc.newStub(channel);
    this.stub = credentials == null ? blocking : blocking.withCallCredentials(credentials);
    this.asyncStub = credentials == null ? async : async.withCallCredentials(credentials);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The blocking stub with this client's credentials, for what the helpers below do not cover (e.g. deadlines). */
  public AgentServiceGrpc.AgentServiceBlockingStub stub() {
    return stub;
  }

  /** The asynchronous stub with this client's credentials. */
  public AgentServiceGrpc.AgentServiceStub asyncStub() {
    return asyncStub;
  }

  /** Starts (or, with the same id and spec, finds) an agent from agent-file YAML; blank id for a generated one. */
  public Agent startAgent(String agentId, String specYaml) {
    return stub.startAgent(StartAgentRequest.newBuilder().setAgentId(nz(agentId)).setSpecYaml(specYaml).build());
  }

  /**
   * Starts (or finds) an agent from a resolved spec in JSON, e.g. {@code AgentSpecJson.write(AgentFiles.load(file))}:
   * the way to send an agent file that has sub-agents or OpenAPI imports, since the gateway reads no files for it.
   */
  public Agent startAgentJson(String agentId, String specJson) {
    return stub.startAgent(StartAgentRequest.newBuilder().setAgentId(nz(agentId)).setSpecJson(specJson).build());
  }

  /** Starts an agent from an agent file in the gateway's agents folder, by name. */
  public Agent startAgentNamed(String agentId, String specName) {
    return stub.startAgent(StartAgentRequest.newBuilder().setAgentId(nz(agentId)).setSpecName(specName).build());
  }

  /** Puts a message in the agent's inbox; returns the message's id. */
  public String send(String agentId, String text) {
    return stub.sendMessage(SendMessageRequest.newBuilder().setName(name(agentId))
        .setMessage(Message.newBuilder().setText(text)).build()).getMessageId();
  }

  /** Sends a message and waits up to {@code timeout} for the turn's outcome. */
  public TurnOutcome ask(String agentId, String text, Duration timeout) {
    return stub.withDeadlineAfter(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
        .ask(AskRequest.newBuilder().setName(name(agentId))
            .setMessage(Message.newBuilder().setText(text))
            .setTimeout(Durations.fromMillis(timeout.toMillis())).build())
        .getOutcome();
  }

  /** Approves or denies a pending tool call. */
  public Approval decide(String agentId, String callId, boolean approved, String reason) {
    return stub.decide(DecideRequest.newBuilder().setName(name(agentId)).setCallId(callId)
        .setApproved(approved).setReason(nz(reason)).build());
  }

  /** Answers a question the agent asked with {@code ask_human}; returns it answered. */
  public Question answer(String agentId, String questionId, String text) {
    return stub.answerQuestion(AnswerQuestionRequest.newBuilder().setName(name(agentId)).setQuestionId(questionId)
        .setText(text).build());
  }

  /** Pauses, resumes, triggers or deletes one of the agent's schedules; returns it after the change. */
  public Schedule changeSchedule(String agentId, String schedule, ChangeScheduleRequest.Action action) {
    return stub.changeSchedule(ChangeScheduleRequest.newBuilder().setName(name(agentId)).setSchedule(nz(schedule))
        .setAction(action).build());
  }

  public Agent get(String agentId) {
    return stub.getAgent(GetAgentRequest.newBuilder().setName(name(agentId)).build());
  }

  /** The whole transcript, page by page. */
  public List<TranscriptEntry> transcript(String agentId) {
    List<TranscriptEntry> all = new ArrayList<>();
    String token = "";
    do {
      GetTranscriptResponse page = stub.getTranscript(GetTranscriptRequest.newBuilder()
          .setName(name(agentId)).setPageSize(500).setPageToken(token).build());
      all.addAll(page.getEntriesList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  /** Every agent of the caller's tenant, newest first; null or unspecified filters for all. */
  public List<Agent> list(String displayName, AgentStatus status) {
    List<Agent> all = new ArrayList<>();
    String token = "";
    do {
      ListAgentsResponse page = stub.listAgents(ListAgentsRequest.newBuilder().setDisplayName(nz(displayName))
          .setStatus(status == null ? AgentStatus.AGENT_STATUS_UNSPECIFIED : status)
          .setPageSize(1000).setPageToken(token).build());
      all.addAll(page.getAgentsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  public Agent stop(String agentId, String reason) {
    return stub.stopAgent(StopAgentRequest.newBuilder().setName(name(agentId)).setReason(nz(reason)).build());
  }

  public Agent updateSpec(String agentId, String specYaml) {
    return stub.updateSpec(UpdateSpecRequest.newBuilder().setName(name(agentId)).setSpecYaml(specYaml).build());
  }

  /** Replaces the agent's spec with a resolved one in JSON, as {@link #startAgentJson} sends it. */
  public Agent updateSpecJson(String agentId, String specJson) {
    return stub.updateSpec(UpdateSpecRequest.newBuilder().setName(name(agentId)).setSpecJson(specJson).build());
  }

  /** One poll of the agent's events after {@code afterSeq} (at most 500), with the newest seq it has written. */
  public ListEventsResponse events(String agentId, long afterSeq) {
    return stub.listEvents(ListEventsRequest.newBuilder().setName(name(agentId)).setAfterSeq(afterSeq).build());
  }

  /**
   * The agent's events after {@code afterSeq}, as they happen, blocking on {@code next()}. The
   * iterator ends when the agent stops; to give up earlier, use {@link #asyncStub()} and cancel, or a
   * deadline on {@link #stub()}. After a broken connection, watch again from the last seq seen.
   */
  public Iterator<WatchResponse> watch(String agentId, long afterSeq) {
    return watch(agentId, afterSeq, false);
  }

  /**
   * Like {@link #watch(String, long)}; with {@code partialReplies}, the stream also carries the running
   * model call's text as it grows ({@link WatchResponse#hasPartialReply()}), between the events.
   */
  public Iterator<WatchResponse> watch(String agentId, long afterSeq, boolean partialReplies) {
    return stub.watch(WatchRequest.newBuilder().setName(name(agentId)).setAfterSeq(afterSeq)
        .setPartialReplies(partialReplies).build());
  }

  /** The resource name of an agent id. */
  public static String name(String agentId) {
    return "agents/" + agentId;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** Builds a {@link StewardGrpcClient}. */
  public static final class Builder {

    private String target = "localhost:8080";
    private String apiKey;
    private boolean tls;
    private ManagedChannel channel;

    private Builder() {}

    /** The gateway's {@code host:port}; default {@code localhost:8080}. */
    public Builder target(String value) {
      target = Objects.requireNonNull(value, "target");
      return this;
    }

    /** The API key sent as {@code authorization: Bearer <key>}; null (default) for a gateway without auth. */
    public Builder apiKey(String value) {
      apiKey = value;
      return this;
    }

    /** Whether to speak TLS (trusting the JVM's CAs); default false. */
    public Builder tls(boolean value) {
      tls = value;
      return this;
    }

    /** A channel of your own (custom TLS, load balancing); {@link #target} and {@link #tls} are then ignored. */
    public Builder channel(ManagedChannel value) {
      channel = value;
      return this;
    }

    public StewardGrpcClient build() {
      ManagedChannel ch = channel;
      if (ch == null) {
        ManagedChannelBuilder<?> b = ManagedChannelBuilder.forTarget(target);
        ch = (tls ? b.useTransportSecurity() : b.usePlaintext()).build();
      }
      return new StewardGrpcClient(ch, apiKey == null || apiKey.isBlank() ? null : new Bearer(apiKey));
    }
  }

  /** Sends the API key with every call. */
  private static final class Bearer extends CallCredentials {

    private static final Metadata.Key<String> AUTHORIZATION =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final String header;

    Bearer(String apiKey) {
      this.header = "Bearer " + apiKey;
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, header);
      applier.apply(headers);
    }
  }
}
