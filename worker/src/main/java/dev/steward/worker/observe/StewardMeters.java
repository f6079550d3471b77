package dev.steward.worker.observe;

import dev.steward.connection.telemetry.ProcessMetrics;
import dev.steward.payloads.BlobWrites;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Steward's own meters, with their units and descriptions. Every name here is listed in
 * docs/OPERATIONS.md and drawn in docs/grafana/steward.json (a test keeps the three in step); the
 * Prometheus names are these with dots as underscores, the base unit and {@code _total} for counters.
 */
public final class StewardMeters {

  public static final String TURNS = "steward.turns";
  public static final String MODEL_STEPS = "steward.model.steps";
  public static final String MODEL_LATENCY = "steward.model.latency";
  public static final String MODEL_TOKENS = "steward.model.tokens";
  public static final String MODEL_COST = "steward.model.cost";
  public static final String TOOL_CALLS = "steward.tool.calls";
  public static final String TOOL_LATENCY = "steward.tool.latency";
  public static final String AGENTS = "steward.agents";
  public static final String APPROVALS_WAITING = "steward.approvals.waiting";
  public static final String QUESTIONS_WAITING = "steward.questions.waiting";
  public static final String BLOB_WRITTEN = "steward.blob.written";

  private static StewardMeters process;

  private final MeterRegistry registry;
  private final AgentStates agents;
  /** The meters registered so far, by name and tag values; see {@link #counter}. */
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

  /** The meters of this process, on {@link ProcessMetrics#registry()}; created on first use. */
  public static synchronized StewardMeters process() {
    if (process == null) {
      process = new StewardMeters(ProcessMetrics.registry());
    }
    return process;
  }

  /**
   * Registers the gauges and the blob counter on {@code registry}; the rest appear on first use. One
   * per registry: a second one's gauges would not be registered.
   */
  StewardMeters(MeterRegistry registry) {
    this.registry = registry;
    this.agents = AgentStates.registerOn(registry);
    FunctionCounter.builder(BLOB_WRITTEN, BlobWrites.class, b -> BlobWrites.bytes())
        .description("Payload bytes this process stored in the blob store instead of Temporal's history")
        .baseUnit("bytes")
        .register(registry);
  }

  /** What this worker knows about the agents it runs, behind the agent gauges. */
  AgentStates agents() {
    return agents;
  }

  /** A turn ended; {@code outcome} is the lower-case {@code TurnOutcome.Status}. */
  void turnEnded(String outcome) {
    counter(List.of(TURNS, outcome), () -> Counter.builder(TURNS)
        .description("Agent turns ended, by outcome (completed, limit_reached, failed, interrupted, stopped)")
        .tag("outcome", outcome)
        .register(registry))
        .increment();
  }

  /** One model call of an agent's turn, whether it answered ({@code ok}) or threw ({@code error}). */
  void modelStep(String provider, String model, boolean ok, Duration took) {
    String outcome = ok ? "ok" : "error";
    counter(List.of(MODEL_STEPS, provider, model, outcome), () -> Counter.builder(MODEL_STEPS)
        .description("Model calls (activity attempts) by provider, model and outcome (ok, error)")
        .tag("provider", provider).tag("model", model).tag("outcome", outcome)
        .register(registry))
        .increment();
    timer(List.of(MODEL_LATENCY, provider, model), () -> Timer.builder(MODEL_LATENCY)
        .description("Time of one model call, from the activity's start to its answer or error")
        .tag("provider", provider).tag("model", model)
        .register(registry))
        .record(took);
  }

  /** Tokens and cost of one answered model call. */
  void modelUsage(String provider, String model, long inputTokens, long outputTokens, double costUsd) {
    tokens(provider, model, "input", inputTokens);
    tokens(provider, model, "output", outputTokens);
    counter(List.of(MODEL_COST, provider, model), () -> Counter.builder(MODEL_COST)
        .description("What model calls cost at the agent's prices, in US dollars")
        .baseUnit("usd")
        .tag("provider", provider).tag("model", model)
        .register(registry))
        .increment(costUsd);
  }

  private void tokens(String provider, String model, String kind, long count) {
    counter(List.of(MODEL_TOKENS, provider, model, kind), () -> Counter.builder(MODEL_TOKENS)
        .description("Tokens model calls used, by kind (input, output)")
        .baseUnit("tokens")
        .tag("provider", provider).tag("model", model).tag("kind", kind)
        .register(registry))
        .increment(count);
  }

  /** One tool call: {@code ok}, {@code error} (an error result the model reads) or {@code failed} (thrown). */
  void toolCall(String tool, String outcome, Duration took) {
    counter(List.of(TOOL_CALLS, tool, outcome), () -> Counter.builder(TOOL_CALLS)
        .description("Tool calls (activity attempts) by tool and outcome (ok, error, failed)")
        .tag("tool", tool).tag("outcome", outcome)
        .register(registry))
        .increment();
    timer(List.of(TOOL_LATENCY, tool), () -> Timer.builder(TOOL_LATENCY)
        .description("Time of one tool call")
        .tag("tool", tool)
        .register(registry))
        .record(took);
  }

  /**
   * The counter named and tagged as {@code key} says (its name, then its tag values in order),
   * registered by {@code register} on first use only: building and looking up a meter costs more
   * than the increment, on every model and tool call.
   */
  private Counter counter(List<String> key, Supplier<Counter> register) {
    Counter counter = counters.get(key);
    return counter != null ? counter : counters.computeIfAbsent(key, k -> register.get());
  }

  /** As {@link #counter}, for a timer. */
  private Timer timer(List<String> key, Supplier<Timer> register) {
    Timer timer = timers.get(key);
    return timer != null ? timer : timers.computeIfAbsent(key, k -> register.get());
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
