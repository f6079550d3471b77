package dev.steward.workflows.agent.turn;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentResult;
import dev.steward.workflows.agent.AgentStatus;
import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.TurnCancel;
import dev.steward.workflows.agent.TurnOutcome.Status;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.agent.context.Compactor;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.steps.CallIds;
import dev.steward.workflows.agent.steps.ModelCall;
import dev.steward.workflows.agent.steps.ToolStep;
import dev.steward.workflows.messaging.AgentReply;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.spec.PriceTable;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;

/**
 * One turn, top to bottom: the model is called, the tools it asks for run (the {@link ToolStep}),
 * and the model is called again until it replies or a limit stops the turn; then the outcome goes
 * to whoever waits for it. Also the agent's last act when it stops: answering what still waits.
 */
public final class TurnLoop {

  private static final Logger log = Workflow.getLogger(TurnLoop.class);

  private final AgentRun agent;
  private final Journal journal;
  /** The message whose turn is running; null between turns. */
  private UserMessage current;

  public TurnLoop(AgentRun agent) {
    this.agent = agent;
    this.journal = agent.journal();
  }

  /** Takes the next message from the inbox and runs its turn. */
  public void runNext() {
    current = agent.inbox().next();
    run(current);
    current = null;
  }

  private void run(UserMessage message) {
    agent.adoptPendingSpec();
    int maxTurns = agent.spec.limits().maxTurns();
    if (maxTurns > 0 && agent.turn >= maxTurns) {
      // No turn runs: the outcome must not repeat the previous turn's usage.
      agent.turnUsage = TokenUsage.ZERO;
      agent.turnCost = 0;
      journal.write(agent.turn, TranscriptEntry.Kind.USER, author(message), message.text(), List.of(), null, false);
      end(message, Status.LIMIT_REACHED, "", "turn limit reached: this agent may run " + maxTurns + " turns");
      return;
    }
    agent.turn++;
    agent.usage = agent.usage.plusTurn();
    agent.turnUsage = TokenUsage.ZERO;
    agent.turnCost = 0;
    agent.turnRunning = true;
    agent.interruptRequested = false;
    agent.cancelledBy = null;
    long startedAt = Workflow.currentTimeMillis();
    long maxSeconds = agent.spec.limits().maxTurnSeconds();
    long deadline = maxSeconds > 0 ? startedAt + Math.min(maxSeconds, SleepDuration.MAX.toSeconds()) * 1000 : 0;
    journal.write(agent.turn, TranscriptEntry.Kind.USER, author(message), message.text(), List.of(), null, false);
    journal.event(AgentEvent.Type.TURN_STARTED, agent.turn, "turn " + agent.turn + ": " + Text.abbreviate(message.text(), 120));
    agent.refreshStatus();

    ToolStep tools = new ToolStep(agent, deadline);
    for (int step = 1; ; step++) {
      String stopped = limitOrInterruption(step, deadline);
      if (stopped != null) {
        Status s = agent.interruptRequested ? Status.INTERRUPTED
            : agent.stopRequested() ? Status.STOPPED : Status.LIMIT_REACHED;
        end(message, s, "", stopped);
        return;
      }
      Compactor compactor = agent.compactor();
      compactor.compactIfNeeded(agent.spec.memory().contextTokens());
      agent.showDetails("waiting for the model " + agent.spec.model().label() + (step > 1 ? " (step " + step + ")" : ""));
      ModelCall.Answer answer;
      try {
        answer = ModelCall.call(agent.turn, step, agent.spec, agent::specHash, journal.transcriptSize(),
            this::modelSwitched);
      } catch (ModelCall.ModelFailure e) {
        answer = e.contextTooLong ? retryWithLessContext(e, step) : null;
        if (answer == null) {
          end(message, Status.FAILED, "", e.getMessage());
          return;
        }
      }
      ModelResponse response = CallIds.unique(answer.response(), journal, agent.turn, step);
      double cost = PriceTable.priceOf(answer.model()).cost(response.usage());
      agent.chargeModelCall(response.usage(), cost);
      agent.lastCall = new LastCall(response.usage().totalTokens(), cost);
      if (response.isFinalReply()) {
        journal.write(agent.turn, TranscriptEntry.Kind.ASSISTANT, answer.model().label(), response.text(), List.of(), null, false);
        journal.event(AgentEvent.Type.REPLY, agent.turn, response.text());
        end(message, Status.COMPLETED, response.text(), null);
        return;
      }
      journal.write(agent.turn, TranscriptEntry.Kind.ASSISTANT, answer.model().label(), response.text(),
          response.toolCalls(), null, false);
      tools.run(response.toolCalls());
    }
  }

  /** Why the turn must stop before the next model call, or null to go on. */
  private String limitOrInterruption(int step, long deadline) {
    if (agent.stopRequested()) {
      return "agent stopped: " + agent.stopReason();
    }
    if (agent.cancelledBy != null) {
      return "cancelled by " + agent.cancelledBy;
    }
    if (agent.interruptRequested) {
      return "interrupted by a newer message";
    }
    int maxSteps = agent.spec.limits().maxStepsPerTurn();
    if (step > maxSteps) {
      return "step limit reached: at most " + maxSteps + " model calls per turn";
    }
    String budget = Budgets.exceeded(agent.spec.limits(), agent.usage, agent.lastCall);
    if (budget != null) {
      return budget;
    }
    if (deadline > 0 && Workflow.currentTimeMillis() >= deadline) {
      return "time limit reached: a turn may take at most " + agent.spec.limits().maxTurnSeconds() + " s";
    }
    return null;
  }

  /**
   * The {@code cancelTurn} update: a running turn of that message ends at the next step boundary (its
   * waits for approvals, answers and sleeps end as for an interruption); a waiting message leaves the
   * inbox, recorded with a note, and its asker gets the outcome. Adds no command unless the cancelled
   * message came from another agent, which is told as it would be of any ending.
   */
  public TurnCancel.Result cancel(String messageId, String who) {
    if (agent.turnRunning && current != null && messageId.equals(current.id())) {
      if (agent.cancelledBy == null) {
        agent.cancelledBy = who;
        agent.interruptRequested = true;
      }
      return TurnCancel.Result.RUNNING;
    }
    UserMessage queued = agent.inbox().remove(messageId);
    if (queued == null) {
      return TurnCancel.Result.OVER;
    }
    int turn = agent.turn;
    String why = "cancelled by " + who;
    journal.write(turn, TranscriptEntry.Kind.USER, author(queued), queued.text(), List.of(), null, false);
    journal.note(turn, "not answered: " + why + " before its turn");
    TurnOutcome cancelled = new TurnOutcome(turn, Status.INTERRUPTED, "", why, TokenUsage.ZERO, 0);
    agent.inbox().answered(queued, cancelled);
    if (queued.replyTo() != null) {
      replyTo(queued, cancelled);
    }
    return TurnCancel.Result.QUEUED;
  }

  /** Ends the running turn (if one runs) as stopped: the workflow was cancelled. */
  public void endCancelled() {
    if (agent.turnRunning && current != null) {
      end(current, Status.STOPPED, "", "agent stopped: cancelled");
    }
  }

  private void end(UserMessage message, Status s, String reply, String error) {
    int turn = agent.turn;
    if (error != null) {
      journal.note(turn, error);
      if (s == Status.FAILED) {
        journal.event(AgentEvent.Type.ERROR, turn, error);
      }
    }
    TurnOutcome outcome = new TurnOutcome(turn, s, reply, error, agent.turnUsage, agent.turnCost);
    agent.lastOutcome = outcome;
    agent.turnRunning = false;
    journal.event(AgentEvent.Type.USAGE, turn, "turn " + turn + ": " + agent.turnUsage.totalTokens() + " tokens, "
        + Budgets.dollars(agent.turnCost) + "; " + agent.usage.tokens().totalTokens() + " tokens, "
        + Budgets.dollars(agent.usage.costUsd()) + " in all");
    // One upsert for usage and status at the end of a turn, not three; agents from before replay as they ran.
    boolean oneUpsert = Versions.atLeast(ChangeIds.ONE_UPSERT_PER_TURN_END, 1);
    if (!oneUpsert) {
      agent.publishUsage();
    }
    journal.event(AgentEvent.Type.TURN_ENDED, turn,
        "turn " + turn + " " + s.name().toLowerCase(Locale.ROOT) + (error == null ? "" : ": " + error));
    agent.inbox().answered(message, outcome);
    if (message.replyTo() != null) {
      replyTo(message, outcome);
    }
    agent.showDetails("waiting for a message");
    if (oneUpsert) {
      agent.publishUsageAndStatus();
    } else {
      agent.refreshStatus();
    }
  }

  /** Tells the agent that asked with {@code ask_agent} how its message's turn ended. */
  private void replyTo(UserMessage message, TurnOutcome outcome) {
    AgentReply reply = new AgentReply(message.id(), agent.agentId(), outcome.completed(),
        outcome.completed() ? outcome.reply() : outcome.status() + ": " + outcome.error());
    try {
      Workflow.newUntypedExternalWorkflowStub(message.replyTo()).signal("agentReply", reply);
    } catch (RuntimeException e) {
      // The asker may have ended meanwhile; its question died with it.
      log.info("agent {} could not reply to {}: {}", agent.agentId(), message.replyTo(), e.getMessage());
    }
  }

  /** The agent stops: every waiting message is recorded and answered as not answered, schedules go. */
  public AgentResult finish() {
    String reason = agent.stopReason();
    int turn = agent.turn;
    agent.inbox().drain(left -> {
      journal.write(turn, TranscriptEntry.Kind.USER, author(left), left.text(), List.of(), null, false);
      journal.note(turn, "not answered: the agent stopped (" + reason + ")");
      TurnOutcome stopped = new TurnOutcome(turn, Status.STOPPED, "", "agent stopped: " + reason, TokenUsage.ZERO, 0);
      agent.inbox().answered(left, stopped);
      if (left.replyTo() != null) {
        replyTo(left, stopped);
      }
    });
    agent.schedules().removeAll();
    journal.event(AgentEvent.Type.STOPPED, turn, "agent stopped: " + reason);
    agent.publishStatus(AgentStatus.STOPPED);
    agent.showDetails("stopped: " + reason);
    // Let waiting ask handlers return their outcome before the run completes.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return new AgentResult(reason, agent.usage, agent.lastOutcome);
  }

  /**
   * The model said the context is too long for it: fold more into the summary (down to a quarter of
   * what was sent) and try the step once more. Null when that is not possible or fails again.
   */
  private ModelCall.Answer retryWithLessContext(ModelCall.ModelFailure failure, int step) {
    if (!Versions.atLeast(ChangeIds.CONTEXT_TOO_LONG_COMPACTS, 1)) {
      return null;
    }
    Compactor compactor = agent.compactor();
    long before = compactor.compactedThroughSeq();
    compactor.compactIfNeeded(Math.max(1, compactor.estimatedTokens() / 2));
    if (compactor.compactedThroughSeq() == before) {
      return null;
    }
    journal.note(agent.turn, failure.getMessage() + " — summarised older turns and tried again");
    try {
      return ModelCall.call(agent.turn, step, agent.spec, agent::specHash, journal.transcriptSize(),
            this::modelSwitched);
    } catch (ModelCall.ModelFailure again) {
      return null;
    }
  }

  /** @param what what happened to the model and which one comes next, as {@link ModelCall} says it */
  private void modelSwitched(String what) {
    journal.note(agent.turn, what);
    journal.event(AgentEvent.Type.MODEL_SWITCHED, agent.turn, what);
  }

  private static String author(UserMessage m) {
    return m.sender() == null || m.sender().isBlank() ? "user" : m.sender();
  }
}
