package dev.steward.cli;

import dev.steward.client.Agents;
import dev.steward.client.RejectedException;
import dev.steward.client.StewardException;
import dev.steward.client.TranscriptUnavailableException;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.AgentSnapshot;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EventPage;
import dev.steward.workflows.agent.PendingApproval;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Follows an agent while a request runs in the background: prints tool calls, sleeps and errors on
 * {@code err} as they happen (by polling the {@code events} query) and answers approvals through an
 * {@link Approver}. Queries fail while no worker is up; the watcher shrugs and polls again.
 */
final class TurnWatcher {

  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Agents client;
  private final String agentId;
  private final Approver approver;
  private final PrintWriter err;
  private final Set<String> decided = new HashSet<>();
  private long afterSeq;
  /** The model's reply so far, as last shown; streamed from the running model call. */
  private String partial = "";
  private boolean everyEvent;

  TurnWatcher(Agents client, String agentId, Approver approver, PrintWriter err) {
    this.client = client;
    this.agentId = agentId;
    this.approver = approver;
    this.err = err;
  }

  /** Starts watching from the agent's newest event, so that only what happens from now on is shown. */
  TurnWatcher fromNow() {
    try {
      afterSeq = client.events(agentId, Long.MAX_VALUE).lastSeq();
    } catch (StewardException e) {
      afterSeq = 0;
    }
    return this;
  }

  /**
   * Runs {@code request} on another thread and watches until it returns, then returns its result.
   * Its exception, if any, is rethrown as it is.
   */
  <T> T watch(Supplier<T> request) {
    CompletableFuture<T> result = CompletableFuture.supplyAsync(request, runnable -> {
      Thread thread = new Thread(runnable, "steward-request");
      thread.setDaemon(true);
      thread.start();
    });
    // Approvals that were already pending before we started (e.g. chat on a waiting agent).
    answerPendingApprovals();
    while (true) {
      try {
        T value = result.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        poll();
        return value;
      } catch (TimeoutException e) {
        poll();
      } catch (ExecutionException e) {
        poll();
        Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new StewardException(String.valueOf(cause.getMessage()), cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StewardException("interrupted while waiting for agent '" + agentId + "'", e);
      }
    }
  }

  /** Shows every event (turns, replies, usage), not only tool progress. */
  TurnWatcher showingEveryEvent() {
    everyEvent = true;
    return this;
  }

  /** Starts watching after event {@code seq} (0: from the oldest event the agent keeps). */
  TurnWatcher from(long seq) {
    afterSeq = seq;
    return this;
  }

  /**
   * Reads new events once, printing them and answering approvals, and shows the model's reply as it
   * streams. Returns true once the agent has ended.
   */
  boolean poll() {
    showPartialReply();
    EventPage page;
    try {
      page = client.events(agentId, afterSeq);
    } catch (TranscriptUnavailableException e) {
      // Older events are in a segment this process cannot read: polling again would not help.
      throw e;
    } catch (StewardException e) {
      return false; // No worker answers queries right now; the agent's state is safe in Temporal.
    }
    for (AgentEvent event : page.events()) {
      afterSeq = Math.max(afterSeq, event.seq());
      show(event);
      if (event.type() == AgentEvent.Type.APPROVAL_NEEDED) {
        answerPendingApprovals();
      }
    }
    return page.stopped();
  }

  /** Prints what the running model call has written since the last poll. */
  private void showPartialReply() {
    String now;
    try {
      now = client.partialReply(agentId).orElse("");
    } catch (StewardException e) {
      return;
    }
    if (now.startsWith(partial) && now.length() > partial.length()) {
      err.print((partial.isEmpty() ? "  … " : "") + now.substring(partial.length()).replace("\n", "\n    "));
      err.flush();
    } else if (!now.startsWith(partial) && !partial.isEmpty()) {
      err.println();
      err.flush();
    }
    partial = now;
  }

  private void show(AgentEvent event) {
    String line = everyEvent ? Format.event(event) : Format.progress(event);
    if (line != null) {
      err.println(line);
      err.flush();
    }
  }

  private void answerPendingApprovals() {
    AgentSnapshot snapshot;
    try {
      snapshot = client.snapshot(agentId);
    } catch (StewardException e) {
      return;
    }
    for (PendingApproval pending : snapshot.pendingApprovals()) {
      if (pending.decision() != null || !decided.add(pending.callId())) {
        continue;
      }
      Decision decision = approver.decide(pending);
      if (decision == null) {
        continue;
      }
      try {
        client.decide(agentId, decision);
      } catch (RejectedException e) {
        // Someone else decided first, or it timed out: the agent's answer stands.
        err.println("  ! " + e.reason());
        err.flush();
      }
    }
  }
}
