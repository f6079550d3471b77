package dev.steward.worker.observe;

import dev.steward.workflows.agent.UserMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Which trace a turn belongs to. A message arrives in an {@code ask} update or a {@code send} signal,
 * each handled inside a span that continues the caller's trace; the turn that message starts runs
 * later, on a workflow thread of the run (the turn's own, or the main one in runs from before change
 * id {@code turn-on-its-own-thread}), whose own span is the workflow run's. This remembers the span
 * each message arrived in and, when the agent's {@code TURN_STARTED} event names the message, makes
 * that span the parent of the turn's model and tool calls and sub-agents: one trace from the
 * caller's {@code ask} to every activity of its turn.
 */
final class TurnTraces {

  /** Messages kept waiting for their turn; older ones are dropped beyond this. */
  private static final int MAX_WAITING = 100;

  private record Arrival(String text, SpanContext span) {}

  private final List<Arrival> waiting = new ArrayList<>();
  private SpanContext turn;

  /** A message arrived in the current span (a handler's); remember it for its turn. */
  void arrived(Object argument) {
    if (!(argument instanceof UserMessage message) || message.text() == null) {
      return;
    }
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return;
    }
    if (waiting.size() >= MAX_WAITING) {
      waiting.remove(0);
    }
    waiting.add(new Arrival(oneLine(message.text()), span));
  }

  /** A turn started; {@code eventText} is its event's text, "turn 3: the message, abbreviated". */
  void turnStarted(String eventText) {
    turn = null;
    int colon = eventText == null ? -1 : eventText.indexOf(": ");
    if (colon < 0) {
      return;
    }
    String start = eventText.substring(colon + 2);
    if (start.endsWith("…")) {
      start = start.substring(0, start.length() - 1);
    }
    for (Iterator<Arrival> it = waiting.iterator(); it.hasNext(); ) {
      Arrival arrival = it.next();
      if (arrival.text().startsWith(start)) {
        it.remove();
        turn = arrival.span();
        return;
      }
    }
  }

  void turnEnded() {
    turn = null;
  }

  /** Makes the running turn's span current, until the scope closes; a no-op outside a known turn. */
  Scope enterTurn() {
    return turn == null ? Scope.noop() : Context.current().with(Span.wrap(turn)).makeCurrent();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }
}
