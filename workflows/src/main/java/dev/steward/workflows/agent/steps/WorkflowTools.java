package dev.steward.workflows.agent.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.timers.Cancellable;
import dev.steward.workflows.agent.timers.Timers;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolArguments;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The tools the workflow runs itself, because what they do is waiting or state, not a side effect:
 * {@code sleep} (a timer), {@code ask_human} (a question people answer by update) and the memory
 * tools. Each returns the call's result; a bad argument is an error result the model reads.
 */
final class WorkflowTools {

  private final StepContext agent;
  /** Shows what a call does now in the Web UI's current details. */
  private final BiConsumer<ToolCall, String> doing;
  /** When waits must end (the turn's time limit), epoch milliseconds; 0 when never. */
  private final LongSupplier waitDeadline;

  WorkflowTools(StepContext agent, BiConsumer<ToolCall, String> doing, LongSupplier waitDeadline) {
    this.agent = agent;
    this.doing = doing;
    this.waitDeadline = waitDeadline;
  }

  ToolResult sleep(ToolCall call) {
    Duration d;
    try {
      JsonNode args = ToolArguments.parse(call.arguments());
      d = SleepDuration.parse(args.path("duration").asText(null));
    } catch (Exception e) {
      return ToolResult.error("invalid arguments for sleep: " + e.getMessage());
    }
    long until = Workflow.currentTimeMillis() + d.toMillis();
    agent.journal().event(AgentEvent.Type.SLEEPING, agent.turn(), "sleeping " + d, call.id(), call.name());
    agent.sleeping(until);
    doing.accept(call, "sleeping " + Timers.human(d) + " (call " + call.id() + ")");
    Duration wait = Cancellable.within(waitDeadline.getAsLong(), d);
    boolean woken = Timers.await(wait, "sleep " + Timers.human(d) + (wait.compareTo(d) < 0 ? " (cut at the turn's time limit)" : "")
        + " · turn " + agent.turn(), () -> agent.stopRequested() || agent.interruptRequested());
    agent.sleeping(0);
    long slept = Workflow.currentTimeMillis() - (until - d.toMillis());
    if (woken || wait.compareTo(d) < 0) {
      return ToolResult.error("woken early after " + Duration.ofMillis(slept) + ": " + (agent.stopRequested()
          ? "the agent is stopping" : woken ? "a new message arrived" : "the turn's time limit was reached"));
    }
    return ToolResult.ok("{\"slept\":\"" + d + "\"}");
  }

  /** Asks a person and waits durably; the answer (or the default at the deadline) is the result. */
  ToolResult askHuman(ToolCall call) {
    JsonNode args;
    try {
      args = ToolArguments.parse(call.arguments());
    } catch (Exception e) {
      return ToolResult.error("invalid arguments for ask_human: not JSON (" + e.getMessage() + ")");
    }
    String question = args.path("question").asText("");
    if (question.isBlank()) {
      return ToolResult.error("invalid arguments for ask_human: $.question is required");
    }
    long timeout = args.path("timeout_seconds").asLong(0);
    if (timeout < 0 || timeout > SleepDuration.MAX.toSeconds()) {
      return ToolResult.error("invalid arguments for ask_human: $.timeout_seconds must be from 1 to "
          + SleepDuration.MAX.toSeconds() + " (366 days), or left out to wait for as long as it takes");
    }
    String fallback = args.hasNonNull("default_answer") ? args.get("default_answer").asText() : null;
    PendingQuestion q = agent.questions().open(call.id(), question, agent.turn(),
        timeout > 0 ? Duration.ofSeconds(timeout) : null, fallback);
    agent.journal().event(AgentEvent.Type.QUESTION_ASKED, agent.turn(), question + " (question " + call.id() + ")",
        call.id(), call.name());
    agent.refreshStatus();
    doing.accept(call, "waiting for an answer to: " + Text.abbreviate(question, 80));
    PendingQuestion done = agent.questions().await(q, waitDeadline.getAsLong(),
        () -> agent.stopRequested() || agent.interruptRequested());
    agent.refreshStatus();
    if (done.answer() == null) {
      return ToolResult.error(done.answeredBy() == null ? "no answer: the turn ended before anyone answered"
          : "no answer before the deadline, and no default answer");
    }
    if ("timeout".equals(done.answeredBy())) {
      agent.journal().event(AgentEvent.Type.QUESTION_ANSWERED, agent.turn(), "no answer in time; default: "
          + done.answer(), call.id(), call.name());
    }
    return ToolResult.ok(done.answer());
  }

  /** The memory tools run in the workflow: a memory edit is a state change, not a side effect. */
  ToolResult memory(ToolCall call) {
    JsonNode args;
    try {
      args = ToolArguments.parse(call.arguments());
    } catch (Exception e) {
      return ToolResult.error("invalid arguments for " + call.name() + ": not JSON (" + e.getMessage() + ")");
    }
    String block = args.path("block").asText(null);
    if (block == null) {
      return ToolResult.error("invalid arguments for " + call.name() + ": $.block is required");
    }
    try {
      Memory memory = agent.memory();
      switch (call.name()) {
        case BuiltinTools.MEMORY_READ -> {
          return ToolResult.ok(memory.read(block).text());
        }
        case BuiltinTools.MEMORY_APPEND -> {
          String text = args.path("text").asText(null);
          if (text == null) {
            return ToolResult.error("invalid arguments for memory_append: $.text is required");
          }
          agent.rememberChange(memory.append(block, text), "agent");
        }
        default -> {
          String old = args.path("old").asText(null);
          String replacement = args.path("new").asText(null);
          if (old == null || replacement == null) {
            return ToolResult.error("invalid arguments for memory_replace: $.old and $.new are required");
          }
          agent.rememberChange(memory.replace(block, old, replacement), "agent");
        }
      }
      MemoryBlock now = memory.read(block);
      return ToolResult.ok("{\"block\":\"" + block + "\",\"used\":" + now.text().length() + ",\"limit\":" + now.limit() + "}");
    } catch (IllegalArgumentException e) {
      return ToolResult.error(e.getMessage());
    }
  }
}
