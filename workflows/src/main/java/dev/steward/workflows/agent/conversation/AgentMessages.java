package dev.steward.workflows.agent.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.agent.timers.Cancellable;
import dev.steward.workflows.agent.timers.Timers;
import dev.steward.workflows.messaging.AgentReply;
import dev.steward.workflows.messaging.DirectoryActivities;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ToolArguments;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * Messages between long-lived agents of one tenant: {@code send_to_agent} signals the other agent;
 * {@code ask_agent} also names this agent as the one to tell, and waits durably for the reply the
 * other agent signals back when its turn ends.
 */
public final class AgentMessages {

  public static final Duration DEFAULT_ASK_TIMEOUT = Duration.ofDays(1);

  // Both shared empty until an ask_agent waits (EmptyUntilUsed): most agents never ask another.
  private Map<String, AgentReply> replies = Collections.emptyMap();
  /** Correlation ids of asks still waiting, with the agent each one asked. */
  private Map<String, String> waiting = Collections.emptyMap();

  /** Keeps a reply only when this agent waits for it from that agent: late or stray replies are dropped. */
  public void received(AgentReply reply) {
    if (reply.fromAgent() != null && reply.fromAgent().equals(waiting.get(reply.correlationId()))) {
      replies = EmptyUntilUsed.toWrite(replies);
      replies.put(reply.correlationId(), reply);
    }
  }

  /** Runs {@code send_to_agent} or {@code ask_agent}; an ask waits at most until {@code deadlineMillis} (0: none). */
  public ToolResult call(ConversationContext agent, ToolCall call, long deadlineMillis) {
    JsonNode args;
    try {
      args = ToolArguments.parse(call.arguments());
    } catch (Exception e) {
      return ToolResult.error("invalid arguments for " + call.name() + ": not JSON (" + e.getMessage() + ")");
    }
    String target = args.path("agent_id").asText("");
    String text = args.path("text").asText("");
    if (target.isBlank() || text.isBlank()) {
      return ToolResult.error("invalid arguments for " + call.name() + ": $.agent_id and $.text are required");
    }
    if (target.equals(agent.agentId())) {
      return ToolResult.error("an agent cannot message itself");
    }
    String refusal = checkTarget(agent, target);
    if (refusal != null) {
      return ToolResult.error(refusal);
    }
    boolean ask = BuiltinTools.ASK_AGENT.equals(call.name());
    String correlation = agent.agentId() + "/" + call.id();
    UserMessage message = new UserMessage(correlation, text, "agent:" + agent.agentId(), ask ? agent.agentId() : null);
    ExternalWorkflowStub other = Workflow.newUntypedExternalWorkflowStub(target);
    if (ask) {
      waiting = EmptyUntilUsed.toWrite(waiting);
      waiting.put(correlation, target);
    }
    try {
      other.signal("send", message);
    } catch (RuntimeException e) {
      forget(correlation);
      return ToolResult.error("could not reach agent '" + target + "': " + e.getMessage());
    }
    if (!ask) {
      return ToolResult.ok("{\"sent_to\":\"" + target + "\"}");
    }
    long timeout = args.path("timeout_seconds").asLong(0);
    if (timeout < 0 || timeout > SleepDuration.MAX.toSeconds()) {
      return ToolResult.error("invalid arguments for ask_agent: $.timeout_seconds must be from 1 to "
          + SleepDuration.MAX.toSeconds() + " (366 days)");
    }
    Duration asked = timeout > 0 ? Duration.ofSeconds(timeout) : DEFAULT_ASK_TIMEOUT;
    Duration wait = Cancellable.within(deadlineMillis, asked);
    boolean answered = Timers.await(wait, "reply deadline · agent " + target + " · turn " + agent.turn(),
        () -> replies.containsKey(correlation) || agent.stopRequested());
    AgentReply reply = replies.remove(correlation);
    forget(correlation);
    if (reply == null) {
      return ToolResult.error(answered ? "no reply: this agent is stopping"
          : "agent '" + target + "' did not reply within " + wait
              + (wait.compareTo(asked) < 0 ? ", when the turn's time limit was reached" : ""));
    }
    return reply.completed() ? ToolResult.ok(reply.text()) : ToolResult.error("agent '" + target + "' could not answer: " + reply.text());
  }

  /** Stops waiting for a reply to {@code correlation}; a late one is dropped. */
  private void forget(String correlation) {
    waiting.remove(correlation);
    waiting = EmptyUntilUsed.shrunk(waiting);
    replies = EmptyUntilUsed.shrunk(replies);
  }

  /** Why the target may not be messaged, or null when it may. */
  private static String checkTarget(ConversationContext agent, String target) {
    DirectoryActivities directory = Workflow.newActivityStub(DirectoryActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .setSummary("look up agent " + target)
        .build());
    DirectoryActivities.Entry entry;
    try {
      entry = directory.lookup(target);
    } catch (ActivityFailure e) {
      return "could not look up agent '" + target + "': "
          + (e.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage() : e.getMessage());
    }
    // Another tenant's agent looks exactly like a missing one: ids do not leak across tenants.
    if (!entry.running() || !agent.tenant().equals(entry.tenant())) {
      return "no running agent '" + target + "'";
    }
    return null;
  }
}
