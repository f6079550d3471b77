package dev.steward.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.UserMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

/** How a turn finds the span its message arrived in, and how an ended turn's outcome is read. */
class TurnTracesTest {

  private static SpanContext span(String spanId) {
    return SpanContext.create("0af7651916cd43dd8448eb211c80319c", spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  private static void arrive(TurnTraces traces, SpanContext span, String text) {
    try (Scope scope = Span.wrap(span).makeCurrent()) {
      traces.arrived(new UserMessage("m", text, "user"));
    }
  }

  @Test
  void aTurnRunsInTheSpanItsMessageArrivedInEvenOutOfOrderAndAbbreviated() {
    TurnTraces traces = new TurnTraces();
    SpanContext first = span("b7ad6b7169203331");
    SpanContext second = span("b7ad6b7169203332");
    arrive(traces, first, "first   message\nover two lines");
    arrive(traces, second, "second " + "x".repeat(200));

    traces.turnStarted("turn 2: second " + "x".repeat(112) + "…");
    try (Scope scope = traces.enterTurn()) {
      assertThat(Span.current().getSpanContext()).isEqualTo(second);
    }
    traces.turnEnded();
    try (Scope scope = traces.enterTurn()) {
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
    traces.turnStarted("turn 3: first message over two lines");
    try (Scope scope = traces.enterTurn()) {
      assertThat(Span.current().getSpanContext()).isEqualTo(first);
    }
  }

  @Test
  void aMessageFromNoTraceLeavesTheTurnInTheWorkflowsOwnSpan() {
    TurnTraces traces = new TurnTraces();
    traces.arrived(new UserMessage("m", "untraced", "user"));
    traces.turnStarted("turn 1: untraced");
    try (Scope scope = traces.enterTurn()) {
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }
  }

  @Test
  void theOutcomeIsTheWordAfterTheTurnNumber() {
    assertThat(AgentWorkflowObserver.outcomeOf(ended("turn 3 completed"))).isEqualTo("completed");
    assertThat(AgentWorkflowObserver.outcomeOf(ended("turn 4 limit_reached: step limit reached"))).isEqualTo("limit_reached");
    assertThat(AgentWorkflowObserver.outcomeOf(ended("something else"))).isEqualTo("unknown");
  }

  @Test
  void theOutcomeIsReadAsTheRegularExpressionReadIt() {
    String alphabet = "turn 3:ab";
    java.util.Random random = new java.util.Random(15);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "turn" : "");
      for (int j = random.nextInt(10); j > 0; j--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String[] words = text.toString().split("[ :]+");
      String expected = words.length >= 3 && words[0].equals("turn") ? words[2] : "unknown";
      assertThat(AgentWorkflowObserver.outcomeOf(ended(text.toString()))).as("'%s'", text).isEqualTo(expected);
    }
  }

  private static AgentEvent ended(String text) {
    return new AgentEvent(1, 0, AgentEvent.Type.TURN_ENDED, 1, text, null, null);
  }
}
