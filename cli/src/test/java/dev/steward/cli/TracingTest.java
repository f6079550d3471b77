package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.connection.telemetry.Tracing;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spans of one turn with a tool call and a sub-agent, captured in memory: one trace from the
 * client's {@code ask} through the agent's workflow to its model and tool activities and into the
 * sub-agent's workflow and its model call, each span the child of the one that caused it.
 */
class TracingTest {

  private static final AttributeKey<String> AGENT_ID = AttributeKey.stringKey("steward.agent.id");
  private static final AttributeKey<Long> TURN = AttributeKey.longKey("steward.turn");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("steward.tool");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("steward.model");
  private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

  @TempDir Path dir;

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private OpenTelemetrySdk openTelemetry;
  private EmbeddedTemporal server;
  private StewardWorker worker;
  private AgentClient client;

  @BeforeEach
  void start() {
    openTelemetry = OpenTelemetrySdk.builder()
        // The W3C trace context, as autoconfiguration sets it; without a propagator no trace crosses a process.
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();
    Tracing.install(openTelemetry);
    server = EmbeddedTemporal.startOnFreePort();
    SearchAttributes.register(server.address(), "default");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(server.address())).start();
    client = AgentClient.connect(new ClientSettings(server.address(), "default", WorkerSettings.DEFAULT_TASK_QUEUE));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
    Tracing.reset();
    openTelemetry.close();
  }

  @Test
  void oneTraceRunsFromAskThroughTheWorkflowToEveryActivityAndTheSubAgent() throws Exception {
    Files.writeString(dir.resolve("helper.yaml"), """
        name: helper
        model:
          provider: scripted
          id: helper-model
          script:
            - steps:
                - reply: "helped with {{input}}"
        """);
    Path boss = dir.resolve("boss.yaml");
    Files.writeString(boss, """
        name: boss
        tools: [current_time, "agent:helper"]
        model:
          provider: scripted
          id: boss-model
          script:
            - steps:
                - tool_calls:
                    - tool: current_time
                    - tool: agent:helper
                      arguments: {task: "count to three"}
                - reply: "done: {{last_tool_result}}"
        """);
    client.start("traced-boss", boss);
    TurnOutcome outcome = client.ask("traced-boss", UserMessage.of("please delegate"), Duration.ofSeconds(90));
    assertThat(outcome.completed()).as(outcome.toString()).isTrue();

    // 1. The client's ask starts the trace; the worker handles it inside that trace (once more at
    // each replay of the agent's history, which the embedded server asks for at every task).
    SpanData ask = awaitSpan("UpdateWorkflow:ask", s -> true);
    String trace = ask.getTraceId();
    awaitSpan("HandleUpdate:ask", s -> s.getParentSpanId().equals(ask.getSpanId()));

    // 2. The turn's model and tool calls are children of the ask's handling, in the same trace.
    SpanData startModel = awaitSpan("StartActivity:Model", s -> s.getTraceId().equals(trace));
    assertHandledAsk(startModel, ask);
    SpanData runModel = awaitSpan("RunActivity:Model", s -> s.getParentSpanId().equals(startModel.getSpanId()));
    assertThat(runModel.getAttributes().get(AGENT_ID)).isEqualTo("traced-boss");
    assertThat(runModel.getAttributes().get(TURN)).isEqualTo(1L);
    assertThat(runModel.getAttributes().get(MODEL)).isEqualTo("scripted/boss-model");
    assertThat(runModel.getAttributes().get(INPUT_TOKENS)).isPositive();

    SpanData startTool = awaitSpan("StartActivity:Tool", s -> s.getTraceId().equals(trace));
    assertHandledAsk(startTool, ask);
    SpanData runTool = awaitSpan("RunActivity:Tool", s -> s.getParentSpanId().equals(startTool.getSpanId()));
    assertThat(runTool.getAttributes().get(TOOL)).isEqualTo("current_time");
    assertThat(runTool.getAttributes().get(TURN)).isEqualTo(1L);

    // 3. The sub-agent is a child workflow in the same trace, and so is its own model call.
    SpanData startChild = awaitSpan("StartChildWorkflow:Agent", s -> s.getTraceId().equals(trace));
    assertHandledAsk(startChild, ask);
    SpanData runChild = awaitSpan("RunWorkflow:Agent", s -> s.getParentSpanId().equals(startChild.getSpanId())
        && s.getAttributes().get(AGENT_ID) != null);
    assertThat(runChild.getTraceId()).isEqualTo(trace);
    String childId = runChild.getAttributes().get(AGENT_ID);
    assertThat(childId).isNotBlank().isNotEqualTo("traced-boss");
    SpanData childModel = awaitSpan("RunActivity:Model",
        s -> s.getTraceId().equals(trace) && childId.equals(s.getAttributes().get(AGENT_ID)));
    assertThat(childModel.getAttributes().get(MODEL)).isEqualTo("scripted/helper-model");
    SpanData childStart = byId().get(childModel.getParentSpanId());
    assertThat(childStart.getName()).isEqualTo("StartActivity:Model");
    SpanData childRun = byId().get(childStart.getParentSpanId());
    assertThat(childRun.getName()).isEqualTo("RunWorkflow:Agent");
    assertThat(childRun.getParentSpanId()).isEqualTo(startChild.getSpanId());

    // No prompt or reply text on any span.
    assertThat(spans.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.getAttributes().asMap().values())
        .noneMatch(v -> String.valueOf(v).contains("please delegate") || String.valueOf(v).contains("helped with")));
  }

  /** The span's parent is the worker's handling of the client's ask. */
  private void assertHandledAsk(SpanData span, SpanData ask) {
    SpanData parent = byId().get(span.getParentSpanId());
    assertThat(parent).as("parent of " + span.getName()).isNotNull();
    assertThat(parent.getName()).isEqualTo("HandleUpdate:ask");
    assertThat(parent.getParentSpanId()).isEqualTo(ask.getSpanId());
  }

  private SpanData awaitSpan(String name, java.util.function.Predicate<SpanData> test) {
    try {
      return await(name).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> find(name, test), Optional::isPresent).orElseThrow();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no span " + name + " as expected among: " + spans.getFinishedSpanItems().stream()
          .map(s -> s.getName() + " " + s.getTraceId().substring(0, 6) + "/" + s.getSpanId() + "<-" + s.getParentSpanId()
              + " " + s.getAttributes().asMap())
          .collect(Collectors.joining("\n  ", "\n  ", "")), e);
    }
  }

  private Optional<SpanData> find(String name, java.util.function.Predicate<SpanData> test) {
    List<SpanData> finished = spans.getFinishedSpanItems();
    return finished.stream().filter(s -> s.getName().equals(name)).filter(test).findFirst();
  }

  private Map<String, SpanData> byId() {
    return spans.getFinishedSpanItems().stream()
        .collect(Collectors.toMap(SpanData::getSpanId, Function.identity(), (a, b) -> a));
  }
}
