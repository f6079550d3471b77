package dev.steward.cli;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.Usage;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How the CLI shows the agent model to people. */
final class Format {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Format() {}

  /** A progress line for a watcher, or null for events people need not see while waiting. */
  static String progress(AgentEvent event) {
    String text = event.text() == null ? "" : event.text();
    return switch (event.type()) {
      case TOOL_CALL_REQUESTED -> "  → " + text;
      case TOOL_CALL_FINISHED -> "  ← " + text;
      case APPROVAL_DECIDED, SLEEPING -> "  · " + text;
      case ERROR -> "  ! " + text;
      case MODEL_SWITCHED, COMPACTED, MEMORY_CHANGED, QUESTION_ASKED, QUESTION_ANSWERED, REWOUND -> "  · " + text;
      default -> null;
    };
  }

  /** Any event, one line: its number, time, type and text. */
  static String event(AgentEvent event) {
    return String.format("%5d %s %-19s %s", event.seq(), time(event.timeMillis()), event.type(), shorten(event.text(), 160));
  }

  /** A one-line form of {@code text}, cut at {@code max} characters. */
  static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 1)) + "…";
  }

  static String time(long epochMillis) {
    return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  static String tokens(TokenUsage usage) {
    if (usage == null) {
      return "0 tokens";
    }
    String cached = usage.cachedInputTokens() > 0 ? ", " + usage.cachedInputTokens() + " of them cached" : "";
    return usage.totalTokens() + " tokens (" + usage.inputTokens() + " in" + cached + ", " + usage.outputTokens()
        + " out)";
  }

  static String usage(Usage usage) {
    if (usage == null) {
      return "-";
    }
    return usage.turns() + " turns, " + usage.modelCalls() + " model calls, " + usage.toolCalls() + " tool calls, "
        + tokens(usage.tokens()) + String.format(java.util.Locale.ROOT, ", $%.4f", usage.costUsd());
  }

  static String outcome(TurnOutcome outcome) {
    if (outcome == null) {
      return "-";
    }
    String line = "turn " + outcome.turn() + " " + outcome.status();
    if (outcome.error() != null && !outcome.error().isBlank()) {
      line += ": " + outcome.error();
    }
    return line;
  }

  /** The {@code show} text: one fact per line, pending approvals with the ids people approve by. */
  static String snapshot(AgentSnapshot s) {
    return snapshot(s, java.util.OptionalInt.empty());
  }

  /**
   * The {@code show} text of an agent that may have been rewound: {@code rewoundTo} is the turn it
   * went back to, shown as its turn (its counter keeps the highest turn it ran).
   */
  static String snapshot(AgentSnapshot s, java.util.OptionalInt rewoundTo) {
    List<String> lines = new ArrayList<>();
    lines.add("agent:      " + s.agentId());
    if (s.spec() != null) {
      lines.add("name:       " + s.spec().name());
      if (s.spec().model() != null) {
        lines.add("model:      " + s.spec().model().label());
      }
    }
    String status = String.valueOf(s.status());
    if (s.sleepingUntilMillis() > 0) {
      status += " until " + time(s.sleepingUntilMillis());
    }
    lines.add("status:     " + status);
    lines.add("turn:       " + (rewoundTo.isPresent() && rewoundTo.getAsInt() < s.turn()
        ? rewoundTo.getAsInt() + " (rewound from turn " + s.turn() + "; the next turn is numbered " + (s.turn() + 1) + ")"
        : String.valueOf(s.turn())));
    lines.add("usage:      " + usage(s.usage()));
    lines.add("last turn:  " + tokens(s.lastTurnUsage()));
    lines.add("outcome:    " + outcome(s.lastOutcome()));
    lines.add("transcript: " + s.transcriptSize() + " entries");
    if (s.runs() > 1) {
      lines.add("runs:       " + s.runs());
    }
    List<PendingApproval> pending = s.pendingApprovals() == null ? List.of()
        : s.pendingApprovals().stream().filter(p -> p.decision() == null).toList();
    if (pending.isEmpty()) {
      lines.add("approvals:  none pending");
    } else {
      lines.add("approvals:  " + pending.size() + " pending (steward approve|deny " + s.agentId() + " CALL)");
      for (PendingApproval p : pending) {
        lines.add("  " + p.callId() + "  " + p.tool() + " " + shorten(p.arguments(), 100)
            + "  (until " + time(p.deadlineMillis()) + ")");
      }
    }
    if (s.pendingQuestions() != null && !s.pendingQuestions().isEmpty()) {
      lines.add("questions:  " + s.pendingQuestions().size() + " waiting (steward answer " + s.agentId() + " QUESTION-ID TEXT)");
      s.pendingQuestions().forEach(q -> lines.add("  " + q.questionId() + "  " + shorten(q.question(), 100)));
    }
    if (s.memory() != null && !s.memory().isEmpty()) {
      lines.add("memory:     " + String.join(", ", s.memory().stream()
          .map(b -> b.name() + " " + b.text().length() + "/" + b.limit()).toList()) + " (steward memory " + s.agentId() + ")");
    }
    if (s.compactedThroughSeq() > 0) {
      lines.add("summary:    entries 1-" + s.compactedThroughSeq() + " summarised for the model");
    }
    if (s.schedules() != null && !s.schedules().isEmpty()) {
      lines.add("schedules:  " + String.join(", ", s.schedules().stream()
          .map(x -> x.name() + (x.paused() ? " (paused)" : " next " + time(x.nextFireMillis()))).toList()));
    }
    List<UserMessage> inbox = s.inbox() == null ? List.of() : s.inbox();
    lines.add("inbox:      " + (inbox.isEmpty() ? "empty" : inbox.size() + " waiting"));
    for (UserMessage m : inbox) {
      lines.add("  " + shorten(m.text(), 100));
    }
    return String.join(System.lineSeparator(), lines);
  }

  /** One transcript entry as people read it. */
  static String entry(TranscriptEntry e) {
    String head = "#" + e.seq() + " [turn " + e.turn() + (e.abandoned() ? ", abandoned" : "") + "] ";
    return switch (e.kind()) {
      case USER -> head + (e.author() == null ? "user" : e.author()) + ": " + e.text();
      case ASSISTANT -> {
        String text = e.text() == null || e.text().isBlank() ? "" : e.text();
        if (!e.toolCalls().isEmpty()) {
          String calls = e.toolCalls().stream().map(Format::call).collect(Collectors.joining(", "));
          text = text.isEmpty() ? "calls " + calls : text + System.lineSeparator() + "    calls " + calls;
        }
        yield head + (e.author() == null ? "agent" : e.author()) + ": " + text;
      }
      case TOOL_RESULT -> head + (e.author() == null ? "tool" : e.author()) + (e.error() ? " failed" : " returned")
          + " (" + e.callId() + "): " + shorten(e.text(), 500);
      case NOTE -> head + "note: " + e.text();
      case MEMORY -> head + "memory '" + e.callId() + "' set by " + e.author() + ": " + shorten(e.text(), 300);
      case SUMMARY -> head + "summary (" + e.author() + "): " + shorten(e.text(), 500);
      // Kinds added later read fine as "kind: text".
      default -> head + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.text();
    };
  }

  static String call(ToolCall call) {
    return call.name() + " " + shorten(call.arguments(), 120) + " (" + call.id() + ")";
  }
}
