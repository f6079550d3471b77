package dev.steward.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Timestamp;
import dev.steward.client.AgentSummary;
import dev.steward.proto.v1.Agent;
import dev.steward.proto.v1.AgentEvent;
import dev.steward.proto.v1.AgentStatus;
import dev.steward.proto.v1.Approval;
import dev.steward.proto.v1.MemoryBlock;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.Question;
import dev.steward.proto.v1.Schedule;
import dev.steward.proto.v1.TokenUsage;
import dev.steward.proto.v1.TranscriptEntry;
import dev.steward.proto.v1.TurnOutcome;
import dev.steward.proto.v1.TurnStatus;
import dev.steward.proto.v1.Usage;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.ScheduleState;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import java.time.Instant;

/** Steward's records as steward.v1 messages. Nulls become unset fields. */
final class ProtoMapping {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private ProtoMapping() {}

  static Agent agent(AgentSnapshot s) {
    Agent.Builder a = Agent.newBuilder()
        .setName(AgentNames.name(s.agentId()))
        .setAgentId(s.agentId())
        .setTenant(nz(s.tenant()))
        .setStatus(status(s.status()))
        .setTurn(s.turn())
        .setInboxSize(s.inbox() == null ? 0 : s.inbox().size())
        .setRuns(s.runs())
        .setTranscriptSize(s.transcriptSize());
    AgentSpec spec = s.spec();
    if (spec != null) {
      a.setDisplayName(nz(spec.name())).setSpecJson(json(spec));
      if (spec.model() != null) {
        a.setModel(nz(spec.model().label()));
      }
    }
    if (s.lastTurnUsage() != null) {
      a.setLastTurnUsage(tokens(s.lastTurnUsage()));
    }
    if (s.inbox() != null) {
      s.inbox().forEach(m -> a.addInbox(Message.newBuilder()
          .setId(nz(m.id())).setText(nz(m.text())).setSender(nz(m.sender()))));
    }
    if (s.pendingApprovals() != null) {
      s.pendingApprovals().forEach(p -> a.addPendingApprovals(approval(p)));
    }
    if (s.pendingQuestions() != null) {
      s.pendingQuestions().forEach(q -> a.addPendingQuestions(question(q)));
    }
    if (s.usage() != null) {
      a.setUsage(Usage.newBuilder()
          .setTurns(s.usage().turns())
          .setModelCalls(s.usage().modelCalls())
          .setToolCalls(s.usage().toolCalls())
          .setTokens(tokens(s.usage().tokens()))
          .setTotalTokens(s.usage().tokens() == null ? 0 : s.usage().tokens().totalTokens())
          .setCostUsd(s.usage().costUsd()));
    }
    if (s.memory() != null) {
      s.memory().forEach(m -> a.addMemory(memory(m)));
    }
    a.setSummary(nz(s.summary())).setCompactedThroughSeq(s.compactedThroughSeq());
    if (s.schedules() != null) {
      s.schedules().forEach(x -> a.addSchedules(schedule(x)));
    }
    if (s.lastOutcome() != null) {
      a.setLastTurn(outcome(s.lastOutcome()));
    }
    if (s.sleepingUntilMillis() > 0) {
      a.setSleepingUntil(millis(s.sleepingUntilMillis()));
    }
    return a.build();
  }

  /** An agent as its start described it, for when it cannot answer a query yet. */
  static Agent started(String agentId, AgentSpec spec, String tenant) {
    Agent.Builder a = Agent.newBuilder()
        .setName(AgentNames.name(agentId))
        .setAgentId(agentId)
        .setTenant(nz(tenant))
        .setStatus(AgentStatus.AGENT_STATUS_IDLE)
        .setRuns(1)
        .setDisplayName(nz(spec.name()))
        .setSpecJson(json(spec));
    if (spec.model() != null) {
      a.setModel(nz(spec.model().label()));
    }
    return a.build();
  }

  static Agent agent(AgentSummary s) {
    Agent.Builder a = Agent.newBuilder()
        .setName(AgentNames.name(s.agentId()))
        .setAgentId(s.agentId())
        .setDisplayName(nz(s.name()))
        .setTenant(nz(s.tenant()))
        .setStatus(status(s.status()))
        .setUsage(Usage.newBuilder().setCostUsd(s.costUsd()).setTotalTokens(s.totalTokens()));
    if (s.startTime() != null) {
      a.setStartTime(instant(s.startTime()));
    }
    return a.build();
  }

  static AgentStatus status(dev.steward.workflows.agent.AgentStatus s) {
    if (s == null) {
      return AgentStatus.AGENT_STATUS_UNSPECIFIED;
    }
    return switch (s) {
      case IDLE -> AgentStatus.AGENT_STATUS_IDLE;
      case RUNNING -> AgentStatus.AGENT_STATUS_RUNNING;
      case WAITING_FOR_APPROVAL -> AgentStatus.AGENT_STATUS_WAITING_FOR_APPROVAL;
      case WAITING_FOR_ANSWER -> AgentStatus.AGENT_STATUS_WAITING_FOR_ANSWER;
      case SLEEPING -> AgentStatus.AGENT_STATUS_SLEEPING;
      case STOPPED -> AgentStatus.AGENT_STATUS_STOPPED;
    };
  }

  /** The filter's status; null for "any"; a number no status has is the caller's mistake. */
  static dev.steward.workflows.agent.AgentStatus status(AgentStatus s) {
    return switch (s) {
      case UNRECOGNIZED -> throw new BadRequestException("status", "is not an AgentStatus; use one of "
          + "AGENT_STATUS_IDLE, _RUNNING, _WAITING_FOR_APPROVAL, _WAITING_FOR_ANSWER, _SLEEPING, _STOPPED, or leave it unset");
      case AGENT_STATUS_IDLE -> dev.steward.workflows.agent.AgentStatus.IDLE;
      case AGENT_STATUS_RUNNING -> dev.steward.workflows.agent.AgentStatus.RUNNING;
      case AGENT_STATUS_WAITING_FOR_APPROVAL -> dev.steward.workflows.agent.AgentStatus.WAITING_FOR_APPROVAL;
      case AGENT_STATUS_WAITING_FOR_ANSWER -> dev.steward.workflows.agent.AgentStatus.WAITING_FOR_ANSWER;
      case AGENT_STATUS_SLEEPING -> dev.steward.workflows.agent.AgentStatus.SLEEPING;
      case AGENT_STATUS_STOPPED -> dev.steward.workflows.agent.AgentStatus.STOPPED;
      default -> null;
    };
  }

  static Approval approval(PendingApproval p) {
    Approval.Builder a = Approval.newBuilder()
        .setCallId(nz(p.callId()))
        .setTool(nz(p.tool()))
        .setArguments(nz(p.arguments()))
        .setTurn(p.turn());
    if (p.deadlineMillis() > 0) {
      a.setDeadline(millis(p.deadlineMillis()));
    }
    if (p.decision() != null) {
      a.setDecided(true)
          .setApproved(p.decision().approved())
          .setReason(nz(p.decision().reason()))
          .setDecidedBy(nz(p.decision().decidedBy()));
    }
    return a.build();
  }

  static MemoryBlock memory(dev.steward.workflows.memory.MemoryBlock m) {
    return MemoryBlock.newBuilder().setName(nz(m.name())).setDescription(nz(m.description())).setLimit(m.limit())
        .setText(nz(m.text())).build();
  }

  static Schedule schedule(ScheduleState s) {
    Schedule.Builder b = Schedule.newBuilder().setName(nz(s.name())).setDescription(nz(s.description()))
        .setPaused(s.paused()).setFires(s.fires()).setTemporalScheduleId(nz(s.temporalScheduleId()));
    if (s.lastFiredMillis() > 0) {
      b.setLastFireTime(millis(s.lastFiredMillis()));
    }
    if (s.nextFireMillis() > 0) {
      b.setNextFireTime(millis(s.nextFireMillis()));
    }
    return b.build();
  }

  static Question question(PendingQuestion q) {
    Question.Builder b = Question.newBuilder()
        .setQuestionId(nz(q.questionId()))
        .setQuestion(nz(q.question()))
        .setTurn(q.turn())
        .setDefaultAnswer(nz(q.defaultAnswer()));
    if (q.deadlineMillis() > 0) {
      b.setDeadline(millis(q.deadlineMillis()));
    }
    if (q.answer() != null) {
      b.setAnswered(true).setAnswer(q.answer()).setAnsweredBy(nz(q.answeredBy()));
    }
    return b.build();
  }

  static TurnOutcome outcome(dev.steward.workflows.agent.TurnOutcome o) {
    TurnOutcome.Builder t = TurnOutcome.newBuilder()
        .setTurn(o.turn())
        .setStatus(switch (o.status()) {
          case COMPLETED -> TurnStatus.TURN_STATUS_COMPLETED;
          case LIMIT_REACHED -> TurnStatus.TURN_STATUS_LIMIT_REACHED;
          case FAILED -> TurnStatus.TURN_STATUS_FAILED;
          case INTERRUPTED -> TurnStatus.TURN_STATUS_INTERRUPTED;
          case STOPPED -> TurnStatus.TURN_STATUS_STOPPED;
        })
        .setReply(nz(o.reply()))
        .setError(nz(o.error()))
        .setCostUsd(o.costUsd());
    if (o.usage() != null) {
      t.setUsage(tokens(o.usage()));
    }
    return t.build();
  }

  static TranscriptEntry entry(dev.steward.workflows.agent.TranscriptEntry e) {
    TranscriptEntry.Builder t = TranscriptEntry.newBuilder()
        .setSeq(e.seq())
        .setTurn(e.turn())
        .setKind(e.kind() == null ? TranscriptEntry.Kind.KIND_UNSPECIFIED : known(TranscriptEntry.Kind.class,
            "KIND_" + e.kind().name(), TranscriptEntry.Kind.KIND_UNSPECIFIED))
        .setAuthor(nz(e.author()))
        .setText(nz(e.text()))
        .setCallId(nz(e.callId()))
        .setError(e.error())
        .setTime(millis(e.timeMillis()));
    for (ToolCall call : e.toolCalls()) {
      t.addToolCalls(TranscriptEntry.ToolCall.newBuilder()
          .setId(nz(call.id())).setName(nz(call.name())).setArguments(nz(call.arguments())));
    }
    return t.build();
  }

  static AgentEvent event(dev.steward.workflows.agent.AgentEvent e) {
    return AgentEvent.newBuilder()
        .setSeq(e.seq())
        .setTime(millis(e.timeMillis()))
        .setType(e.type() == null ? AgentEvent.Type.TYPE_UNSPECIFIED
            : known(AgentEvent.Type.class, "TYPE_" + e.type().name(), AgentEvent.Type.TYPE_UNSPECIFIED))
        .setTurn(e.turn())
        .setText(nz(e.text()))
        .setCallId(nz(e.callId()))
        .setTool(nz(e.tool()))
        .build();
  }

  /**
   * The proto constant with this name, or {@code fallback}: the workflow may grow new kinds before the
   * proto does, and a watcher must not break on them.
   */
  private static <E extends Enum<E>> E known(Class<E> type, String name, E fallback) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  static TokenUsage tokens(dev.steward.workflows.model.TokenUsage u) {
    return u == null ? TokenUsage.getDefaultInstance()
        : TokenUsage.newBuilder().setInputTokens(u.inputTokens()).setOutputTokens(u.outputTokens())
            .setCachedInputTokens(u.cachedInputTokens()).build();
  }

  static Timestamp millis(long epochMillis) {
    return instant(Instant.ofEpochMilli(epochMillis));
  }

  static Timestamp instant(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  private static String json(AgentSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      return "";
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
