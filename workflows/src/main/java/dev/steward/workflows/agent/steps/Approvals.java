package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.SleepDuration;
import dev.steward.workflows.agent.timers.Timers;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Tool calls waiting for a person, and the recent decisions (kept so a second decision on the same
 * call is refused with a clear reason rather than "unknown call").
 */
public final class Approvals {

  private static final int DECIDED_KEPT = 200;

  // Shared empty until a call waits (EmptyUntilUsed): most agents never ask for an approval.
  private Map<String, PendingApproval> pending = Collections.emptyMap();
  private Map<String, PendingApproval> decided = Collections.emptyMap();

  public PendingApproval open(String callId, String tool, String arguments, int turn, Duration timeout) {
    // Capped like every wait, so a huge timeout from a spec cannot overflow the deadline.
    Duration capped = timeout.compareTo(SleepDuration.MAX) > 0 ? SleepDuration.MAX : timeout;
    PendingApproval p = new PendingApproval(callId, tool, arguments, turn,
        Workflow.currentTimeMillis() + capped.toMillis(), null);
    pending = EmptyUntilUsed.toWrite(pending);
    pending.put(callId, p);
    return p;
  }

  /** Throws with a reason a person can read when the decision cannot be taken. */
  public void validate(Decision d) {
    if (d == null || d.callId() == null || d.callId().isBlank()) {
      throw new IllegalArgumentException("a decision needs the id of the tool call");
    }
    PendingApproval earlier = decided.get(d.callId());
    if (earlier != null) {
      Decision e = earlier.decision();
      throw new IllegalArgumentException("tool call '" + d.callId() + "' was already "
          + (e.approved() ? "approved" : "denied") + (e.decidedBy() == null ? "" : " by " + e.decidedBy()));
    }
    if (!pending.containsKey(d.callId())) {
      throw new IllegalArgumentException("no tool call '" + d.callId() + "' is waiting for approval"
          + (pending.isEmpty() ? "" : "; waiting: " + String.join(", ", pending.keySet())));
    }
  }

  public PendingApproval decide(Decision d) {
    PendingApproval p = pending.remove(d.callId());
    pending = EmptyUntilUsed.shrunk(pending);
    if (p == null) {
      // The validator runs first, so this only happens if two decisions raced in one task.
      return decided.get(d.callId());
    }
    PendingApproval done = p.decided(d);
    decided = EmptyUntilUsed.toWrite(decided);
    decided.put(d.callId(), done);
    Iterator<String> oldest = decided.keySet().iterator();
    while (decided.size() > DECIDED_KEPT) {
      oldest.next();
      oldest.remove();
    }
    return done;
  }

  /**
   * Waits until the call is decided, its deadline passes (a denial by {@code timeout}) or
   * {@code abandon} becomes true (a denial by {@code steward} with {@code abandonReason}).
   */
  public Decision await(PendingApproval p, long turnDeadlineMillis, BooleanSupplier abandon, String abandonReason) {
    long deadline = turnDeadlineMillis > 0 ? Math.min(p.deadlineMillis(), turnDeadlineMillis) : p.deadlineMillis();
    Duration wait = Duration.ofMillis(Math.max(0, deadline - Workflow.currentTimeMillis()));
    String limit = deadline < p.deadlineMillis() ? "turn time limit" : "approval deadline";
    Timers.await(wait, limit + " · approval of " + p.tool() + " " + p.callId() + " · turn " + p.turn(),
        () -> !pending.containsKey(p.callId()) || abandon.getAsBoolean());
    PendingApproval done = decided.get(p.callId());
    if (done != null && !pending.containsKey(p.callId())) {
      return done.decision();
    }
    boolean abandoned = abandon.getAsBoolean();
    Decision d = abandoned
        ? new Decision(p.callId(), false, abandonReason, "steward")
        : new Decision(p.callId(), false, "no decision before the approval deadline", "timeout");
    decide(d);
    return d;
  }

  public List<PendingApproval> pending() {
    return new ArrayList<>(pending.values());
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }
}
