package dev.steward.gateway.client;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Timestamp;
import dev.steward.client.AgentSummary;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.Approval;
import dev.steward.proto.v1.ListEventsResponse;
import dev.steward.proto.v1.MemoryBlock;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.Question;
import dev.steward.proto.v1.Schedule;
import dev.steward.proto.v1.TokenUsage;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * steward.v1 messages back into Steward's records, so that code written against
 * {@link dev.steward.client.Agents} reads the same data through the gateway as from Temporal. Unset
 * fields become nulls, and enum values this client does not know become null (or the closest record
 * value).
 */
final class ProtoRecords {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // Absent lists read as empty, as the workflow's own snapshots never hold null lists.
      .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
      .build();

  private ProtoRecords() {}

  /**
   * The snapshot, by name rather than by position: components the workflow adds later (and the proto
   * does not carry) are absent, and read as empty lists or nulls instead of breaking this mapping.
   */
  static AgentSnapshot snapshot(Agent a) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("agentId", a.getAgentId());
    s.put("tenant", blankToNull(a.getTenant()));
    s.put("status", status(a.getStatus()));
    s.put("turn", a.getTurn());
    s.put("spec", spec(a.getSpecJson()));
    s.put("pendingApprovals", a.getPendingApprovalsList().stream().map(ProtoRecords::approval).toList());
    s.put("inbox", a.getInboxList().stream().map(ProtoRecords::message).toList());
    s.put("pendingQuestions", a.getPendingQuestionsList().stream().map(ProtoRecords::question).toList());
    s.put("usage", a.hasUsage()
        ? new Usage(a.getUsage().getTurns(), a.getUsage().getModelCalls(), a.getUsage().getToolCalls(),
            tokens(a.getUsage().getTokens()), a.getUsage().getCostUsd())
        : Usage.ZERO);
    s.put("lastTurnUsage", a.hasLastTurnUsage() ? tokens(a.getLastTurnUsage()) : null);
    s.put("lastOutcome", a.hasLastTurn() ? outcome(a.getLastTurn()) : null);
    s.put("sleepingUntilMillis", a.hasSleepingUntil() ? millis(a.getSleepingUntil()) : 0);
    s.put("runs", a.getRuns());
    s.put("transcriptSize", a.getTranscriptSize());
    s.put("memory", a.getMemoryList().stream().map(ProtoRecords::memory).toList());
    s.put("summary", blankToNull(a.getSummary()));
    s.put("compactedThroughSeq", a.getCompactedThroughSeq());
    s.put("schedules", a.getSchedulesList().stream().map(ProtoRecords::schedule).toList());
    return JSON.convertValue(s, AgentSnapshot.class);
  }

  static AgentSummary summary(Agent a) {
    AgentStatus status = status(a.getStatus());
    return new AgentSummary(a.getAgentId(), blankToNull(a.getDisplayName()), status, blankToNull(a.getTenant()),
        a.hasStartTime() ? Instant.ofEpochSecond(a.getStartTime().getSeconds(), a.getStartTime().getNanos()) : null,
        status == AgentStatus.STOPPED, a.getUsage().getCostUsd(), totalTokens(a.getUsage()));
  }

  /** A gateway older than {@code total_tokens} still sends the split counts in some places. */
  private static long totalTokens(dev.steward.proto.v1.Usage u) {
    return u.getTotalTokens() > 0 ? u.getTotalTokens()
        : u.getTokens().getInputTokens() + u.getTokens().getOutputTokens();
  }

  /** The description stays empty rather than null, as in the workflow's own blocks, which callers print. */
  static dev.steward.workflows.memory.MemoryBlock memory(MemoryBlock m) {
    return new dev.steward.workflows.memory.MemoryBlock(m.getName(), m.getDescription(), m.getLimit(),
        m.getText());
  }

  static ScheduleState schedule(Schedule s) {
    return new ScheduleState(s.getName(), s.getDescription(), s.getPaused(), s.getFires(),
        s.hasLastFireTime() ? millis(s.getLastFireTime()) : 0, s.hasNextFireTime() ? millis(s.getNextFireTime()) : 0,
        s.getTemporalScheduleId().isEmpty() ? null : s.getTemporalScheduleId());
  }

  static AgentStatus status(dev.steward.proto.v1.AgentStatus s) {
    return switch (s) {
      case AGENT_STATUS_IDLE -> AgentStatus.IDLE;
      case AGENT_STATUS_RUNNING -> AgentStatus.RUNNING;
      case AGENT_STATUS_WAITING_FOR_APPROVAL -> AgentStatus.WAITING_FOR_APPROVAL;
      case AGENT_STATUS_WAITING_FOR_ANSWER -> AgentStatus.WAITING_FOR_ANSWER;
      case AGENT_STATUS_SLEEPING -> AgentStatus.SLEEPING;
      case AGENT_STATUS_STOPPED -> AgentStatus.STOPPED;
      default -> null;
    };
  }

  static dev.steward.proto.v1.AgentStatus status(AgentStatus s) {
    return s == null ? dev.steward.proto.v1.AgentStatus.AGENT_STATUS_UNSPECIFIED
        : dev.steward.proto.v1.AgentStatus.valueOf("AGENT_STATUS_" + s.name());
  }

  static PendingApproval approval(Approval a) {
    Decision decision = a.getDecided()
        ? new Decision(a.getCallId(), a.getApproved(), blankToNull(a.getReason()), blankToNull(a.getDecidedBy()))
        : null;
    return new PendingApproval(a.getCallId(), a.getTool(), a.getArguments(), a.getTurn(),
        a.hasDeadline() ? millis(a.getDeadline()) : 0, decision);
  }

  static PendingQuestion question(Question q) {
    return new PendingQuestion(q.getQuestionId(), q.getQuestion(), q.getTurn(),
        q.hasDeadline() ? millis(q.getDeadline()) : 0, blankToNull(q.getDefaultAnswer()),
        q.getAnswered() ? q.getAnswer() : null, q.getAnswered() ? blankToNull(q.getAnsweredBy()) : null);
  }

  static TurnOutcome outcome(dev.steward.proto.v1.TurnOutcome o) {
    TurnOutcome.Status status = switch (o.getStatus()) {
      case TURN_STATUS_COMPLETED -> TurnOutcome.Status.COMPLETED;
      case TURN_STATUS_LIMIT_REACHED -> TurnOutcome.Status.LIMIT_REACHED;
      case TURN_STATUS_INTERRUPTED -> TurnOutcome.Status.INTERRUPTED;
      case TURN_STATUS_STOPPED -> TurnOutcome.Status.STOPPED;
      // A status newer than this client reads as a turn that did not complete.
      default -> TurnOutcome.Status.FAILED;
    };
    return new TurnOutcome(o.getTurn(), status, o.getReply(), blankToNull(o.getError()),
        o.hasUsage() ? tokens(o.getUsage()) : null, o.getCostUsd());
  }

  static TranscriptEntry entry(dev.steward.proto.v1.TranscriptEntry e) {
    List<ToolCall> calls = e.getToolCallsList().stream()
        .map(c -> new ToolCall(c.getId(), c.getName(), c.getArguments())).toList();
    return new TranscriptEntry(e.getSeq(), e.getTurn(), kind(e.getKind()), blankToNull(e.getAuthor()), e.getText(),
        calls, blankToNull(e.getCallId()), e.getError(), e.hasTime() ? millis(e.getTime()) : 0, false);
  }

  /**
   * The page; events of a type this client does not know are left out (callers switch on the type),
   * which loses nothing a watcher needs: {@code lastSeq} still counts them.
   */
  static EventPage events(ListEventsResponse r) {
    return new EventPage(r.getEventsList().stream().map(ProtoRecords::event).filter(e -> e.type() != null).toList(),
        r.getLastSeq(), r.getOldestSeq(), r.getStopped());
  }

  static AgentEvent event(dev.steward.proto.v1.AgentEvent e) {
    return new AgentEvent(e.getSeq(), e.hasTime() ? millis(e.getTime()) : 0,
        known(AgentEvent.Type.class, e.getType().name().replaceFirst("^TYPE_", "")), e.getTurn(),
        e.getText(), blankToNull(e.getCallId()), blankToNull(e.getTool()));
  }

  private static TranscriptEntry.Kind kind(dev.steward.proto.v1.TranscriptEntry.Kind k) {
    TranscriptEntry.Kind kind = known(TranscriptEntry.Kind.class, k.name().replaceFirst("^KIND_", ""));
    // A kind newer than this client is still shown, as Steward's own remark.
    return kind == null ? TranscriptEntry.Kind.NOTE : kind;
  }

  private static UserMessage message(Message m) {
    return new UserMessage(blankToNull(m.getId()), m.getText(), blankToNull(m.getSender()));
  }

  private static dev.steward.workflows.model.TokenUsage tokens(TokenUsage t) {
    return new dev.steward.workflows.model.TokenUsage(t.getInputTokens(), t.getOutputTokens(),
        t.getCachedInputTokens());
  }

  /** The spec from its JSON form, or null when the gateway sent none or one this client cannot read. */
  private static AgentSpec spec(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readValue(json, AgentSpec.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static <E extends Enum<E>> E known(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long millis(Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
