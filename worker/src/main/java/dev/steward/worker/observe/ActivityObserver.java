package dev.steward.worker.observe;

import dev.steward.activities.context.AgentContexts;
import dev.steward.activities.context.ModelToolsCache;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.PriceTable;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.opentelemetry.api.trace.Span;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Around every activity attempt of a Steward worker: the agent id, run id and turn in the MDC of the
 * activity's thread; model calls counted and timed by provider and model, with their tokens and cost;
 * tool calls counted and timed by tool and outcome; and the same facts as attributes of the
 * attempt's trace span (token counts, never prompt or reply text).
 */
final class ActivityObserver extends ActivityInboundCallsInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(ActivityObserver.class);

  private final StewardMeters meters;
  private ActivityInfo info;
  private ActivityExecutionContext context;

  ActivityObserver(ActivityInboundCallsInterceptor next, StewardMeters meters) {
    super(next);
    this.meters = meters;
  }

  @Override
  public void init(ActivityExecutionContext context) {
    info = context.getInfo();
    this.context = context;
    super.init(context);
  }

  @Override
  public ActivityOutput execute(ActivityInput input) {
    Object argument = input.getArguments().length == 1 ? input.getArguments()[0] : null;
    int turn = turnOf(argument, input);
    String agentId = info == null ? null : info.getWorkflowId();
    if (agentId != null) {
      AgentLogContext.set(agentId, info.getWorkflowRunId(), turn);
    }
    Span span = Span.current();
    if (agentId != null) {
      span.setAttribute("steward.agent.id", agentId);
    }
    if (turn > 0) {
      span.setAttribute("steward.turn", turn);
    }
    long started = System.nanoTime();
    try {
      ModelSpec model = argument instanceof ModelRequest request ? modelOf(request) : null;
      if (model != null) {
        return model(input, model, span, started);
      }
      if (argument instanceof ToolInvocation invocation) {
        return tool(input, invocation, span, started);
      }
      return super.execute(input);
    } finally {
      AgentLogContext.clear();
    }
  }

  /**
   * The request's model; one named by hash is looked up in the process's cache (which the activity
   * then finds filled). Null when it cannot be found: the activity itself reports why.
   */
  private ModelSpec modelOf(ModelRequest request) {
    if (request.model() != null || request.toolsRef() == null || context == null) {
      return request.model();
    }
    try {
      // Interceptors run outside the activity's own context: read the agent through the one init gave.
      return ModelToolsCache.shared().resolve(request, () -> AgentContexts.snapshot(context).spec()).model();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private ActivityOutput model(ActivityInput input, ModelSpec model, Span span, long started) {
    String provider = nonNull(model.provider());
    String id = nonNull(model.id());
    span.setAttribute("steward.model", model.label());
    span.setAttribute("gen_ai.system", provider);
    span.setAttribute("gen_ai.request.model", id);
    ActivityOutput output;
    try {
      output = super.execute(input);
    } catch (RuntimeException | Error e) {
      meters.modelStep(provider, id, false, since(started));
      throw e;
    }
    Duration took = since(started);
    meters.modelStep(provider, id, true, took);
    if (output.getResult() instanceof ModelResponse response) {
      long in = response.usage().inputTokens();
      long out = response.usage().outputTokens();
      if (log.isDebugEnabled()) {
        log.debug("model {} answered in {} ms: {} input and {} output tokens, {} tool calls", model.label(),
            took.toMillis(), in, out, response.toolCalls().size());
      }
      meters.modelUsage(provider, id, in, out, PriceTable.priceOf(model).cost(response.usage()));
      span.setAttribute("gen_ai.usage.input_tokens", in);
      span.setAttribute("gen_ai.usage.output_tokens", out);
      span.setAttribute("steward.tool_calls", response.toolCalls().size());
    }
    return output;
  }

  private ActivityOutput tool(ActivityInput input, ToolInvocation invocation, Span span, long started) {
    String tool = nonNull(invocation.toolName());
    span.setAttribute("steward.tool", tool);
    ActivityOutput output;
    try {
      output = super.execute(input);
    } catch (RuntimeException | Error e) {
      meters.toolCall(tool, "failed", since(started));
      throw e;
    }
    boolean error = output.getResult() instanceof ToolResult result && result.error();
    Duration took = since(started);
    meters.toolCall(tool, error ? "error" : "ok", took);
    if (log.isDebugEnabled()) {
      log.debug("tool {} {} in {} ms", tool, error ? "returned an error" : "answered", took.toMillis());
    }
    span.setAttribute("steward.tool.error", error);
    return output;
  }

  /**
   * The turn the activity runs for: from its input (model and tool calls), else from the header the
   * workflow sets for other activities and set for all of them in older releases; 0 when neither says.
   */
  static int turnOf(Object argument, ActivityInput input) {
    int turn = AgentWorkflowObserver.turnInInput(argument);
    return turn > 0 ? turn : turnOf(input);
  }

  /** The turn the workflow put in the header, or 0. */
  private static int turnOf(ActivityInput input) {
    Payload payload = input.getHeader().getValues().get(AgentWorkflowObserver.TURN_HEADER);
    if (payload == null) {
      return 0;
    }
    try {
      Integer turn = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, Integer.class, Integer.class);
      return turn == null ? 0 : turn;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }
}
