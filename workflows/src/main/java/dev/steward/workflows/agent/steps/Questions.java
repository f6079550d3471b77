package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.Answer;
import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.agent.PendingQuestion;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.timers.Timers;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Questions the agent asked people, waiting durably for their answers. */
public final class Questions {

  private static final int ANSWERED_KEPT = 200;

  // Shared empty until a question waits (EmptyUntilUsed): most agents never ask a person.
  private Map<String, PendingQuestion> pending = Collections.emptyMap();
  private Map<String, PendingQuestion> answered = Collections.emptyMap();

  public PendingQuestion open(String id, String question, int turn, Duration timeout, String defaultAnswer) {
    long deadline = timeout == null ? 0 : Workflow.currentTimeMillis() + timeout.toMillis();
    PendingQuestion q = new PendingQuestion(id, question, turn, deadline, defaultAnswer, null, null);
    pending = EmptyUntilUsed.toWrite(pending);
    pending.put(id, q);
    return q;
  }

  public void validate(Answer a) {
    if (a == null || a.questionId() == null || a.text() == null || a.text().isBlank()) {
      throw new IllegalArgumentException("an answer needs the question's id and some text");
    }
    if (answered.containsKey(a.questionId())) {
      throw new IllegalArgumentException("question '" + a.questionId() + "' was already answered");
    }
    if (!pending.containsKey(a.questionId())) {
      throw new IllegalArgumentException("no question '" + a.questionId() + "' is waiting for an answer"
          + (pending.isEmpty() ? "" : "; waiting: " + String.join(", ", pending.keySet())));
    }
  }

  public PendingQuestion answer(Answer a) {
    PendingQuestion q = pending.remove(a.questionId());
    pending = EmptyUntilUsed.shrunk(pending);
    PendingQuestion done = q.answered(a.text(), a.answeredBy() == null ? "a person" : a.answeredBy());
    answered = EmptyUntilUsed.toWrite(answered);
    answered.put(q.questionId(), done);
    while (answered.size() > ANSWERED_KEPT) {
      answered.remove(answered.keySet().iterator().next());
    }
    return done;
  }

  /**
   * Waits for the answer, the question's deadline (default answer, or null without one), the turn's
   * time limit {@code turnDeadlineMillis} (0: none; no answer) or {@code abandon} (no answer).
   */
  public PendingQuestion await(PendingQuestion q, long turnDeadlineMillis, BooleanSupplier abandon) {
    boolean turnEndsFirst = turnDeadlineMillis > 0 && (q.deadlineMillis() == 0 || turnDeadlineMillis < q.deadlineMillis());
    long until = turnEndsFirst ? turnDeadlineMillis : q.deadlineMillis();
    if (until > 0) {
      Duration left = Duration.ofMillis(Math.max(0, until - Workflow.currentTimeMillis()));
      String summary = (turnEndsFirst ? "turn time limit" : "answer deadline") + " · ask_human \""
          + Text.abbreviate(q.question(), 60) + "\" · turn " + q.turn();
      Timers.await(left, summary, () -> !pending.containsKey(q.questionId()) || abandon.getAsBoolean());
    } else {
      Workflow.await(() -> !pending.containsKey(q.questionId()) || abandon.getAsBoolean());
    }
    PendingQuestion done = answered.get(q.questionId());
    if (done != null) {
      return done;
    }
    pending.remove(q.questionId());
    pending = EmptyUntilUsed.shrunk(pending);
    return abandon.getAsBoolean() || turnEndsFirst ? q : q.answered(q.defaultAnswer(), "timeout");
  }

  public List<PendingQuestion> pending() {
    return new ArrayList<>(pending.values());
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }
}
