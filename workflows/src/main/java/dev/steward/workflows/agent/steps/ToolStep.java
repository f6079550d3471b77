package dev.steward.workflows.agent.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.ChangeIds;
import dev.steward.workflows.agent.Versions;
import dev.steward.workflows.agent.Decision;
import dev.steward.workflows.agent.PendingApproval;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.conversation.SubAgents;
import dev.steward.workflows.agent.journal.Text;
import dev.steward.workflows.agent.timers.Cancellable;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.ToolSpec;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.tools.ModelToolNames;
import dev.steward.workflows.tools.ToolActivities;
import dev.steward.workflows.tools.ToolArguments;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the tool calls of one model step: all in parallel, each behind the approval gate when the
 * policy asks for it. Every outcome, failures included, becomes a tool result for the model, in the
 * order the model asked; nothing a tool does can end the turn.
 */
public final class ToolStep {

  /** Attempts per tool call for faults outside the tool (worker lost, timeout). */
  public static final int MAX_ATTEMPTS = 3;
  public static final long DEFAULT_TOOL_TIMEOUT_SECONDS = 60;
  /** How long a tool call may go without a heartbeat from its worker (which beats every 5 s). */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);


  private final StepContext agent;
  private final long turnDeadlineMillis;
  /** The tools the workflow runs itself: sleep, ask_human, memory. */
  private final WorkflowTools builtins;
  /** Sub-agents started in this step, which share what is left of the budget. */
  private int agentCallsThisStep = 1;
  /** What each unfinished call of this step is doing, by call id, for the Web UI's current details. */
  private final Map<String, String> doing = new LinkedHashMap<>();

  public ToolStep(StepContext agent, long turnDeadlineMillis) {
    this.agent = agent;
    this.turnDeadlineMillis = turnDeadlineMillis;
    this.builtins = new WorkflowTools(agent, this::doing, this::waitDeadline);
  }

  public void run(List<ToolCall> calls) {
    agentCallsThisStep = (int) Math.max(1, calls.stream().filter(c -> c.name().startsWith(BuiltinTools.AGENT_PREFIX)).count());
    List<Promise<ToolResult>> results = new ArrayList<>();
    // One call runs here, on the turn's thread: a thread of its own would be woken on every pass of
    // the event loop for nothing to run beside it.
    boolean alone = calls.size() == 1 && Versions.atLeast(ChangeIds.SINGLE_TOOL_CALL_ON_TURN_THREAD, 1);
    for (ToolCall call : calls) {
      agent.journal().event(AgentEvent.Type.TOOL_CALL_REQUESTED, agent.turn(),
          call.name() + " " + Text.abbreviate(call.arguments(), 200), call.id(), call.name());
      results.add(alone ? Workflow.newPromise(runOne(call)) : Async.function(() -> runOne(call)));
    }
    Promise.allOf(results).get();
    Iterator<Promise<ToolResult>> it = results.iterator();
    for (ToolCall call : calls) {
      ToolResult r = it.next().get();
      agent.journal().write(agent.turn(), TranscriptEntry.Kind.TOOL_RESULT, call.name(), r.content(), List.of(),
          call.id(), r.error());
      agent.journal().event(AgentEvent.Type.TOOL_CALL_FINISHED, agent.turn(),
          call.name() + (r.error() ? " failed: " : " → ") + Text.abbreviate(r.content(), 200),
          call.id(), call.name());
    }
  }

  /**
   * One call, whatever happens: a fault in the agent's own tool code (a bug, an argument no check
   * foresaw) becomes the call's error result, so it can neither fail the workflow task again and
   * again nor end the turn.
   */
  private ToolResult runOne(ToolCall call) {
    try {
      return runChecked(call);
    } catch (TemporalFailure | NonDeterministicException e) {
      throw e;
    } catch (RuntimeException e) {
      Workflow.getLogger(ToolStep.class).warn("agent {} tool {} failed inside the workflow", agent.agentId(),
          call.name(), e);
      return ToolResult.error(call.name() + " failed inside the agent: " + e);
    } finally {
      // The others' story goes on: show what they still do.
      if (doing.remove(call.id()) != null && !doing.isEmpty()) {
        showDoing();
      }
    }
  }

  /**
   * Shows what {@code call} does now (e.g. {@code waiting for approval of http_get (call c1)}) in the
   * current details, with what the step's other unfinished calls do.
   */
  private void doing(ToolCall call, String what) {
    doing.put(call.id(), what);
    showDoing();
  }

  private void showDoing() {
    if (doing.size() == 1) {
      agent.showDetails(doing.values().iterator().next());
      return;
    }
    StringBuilder all = new StringBuilder(doing.size() + " tool calls running:");
    doing.values().forEach(d -> all.append("\n- ").append(d));
    agent.showDetails(all.toString());
  }

  private ToolResult runChecked(ToolCall call) {
    AgentSpec spec = agent.spec();
    ToolSpec tool = spec.tool(call.name());
    if (tool == null) {
      // The model reads this: name the tools as it knows them, so it can correct itself.
      return ToolResult.error("unknown tool '" + ModelToolNames.of(call.name()) + "'; the tools you can call are: "
          + String.join(", ", ModelToolNames.describe(spec.effectiveTools().stream().map(ToolSpec::name).toList())));
    }
    if (needsApproval(spec.approval(), call.name())) {
      Decision d = awaitApproval(call, spec);
      if (!d.approved()) {
        return ToolResult.error("a person denied this call" + (d.decidedBy() == null ? "" : " (" + d.decidedBy() + ")")
            + (d.reason() == null || d.reason().isBlank() ? "" : ": " + d.reason()));
      }
    }
    if (agent.stopRequested()) {
      return ToolResult.error("not run: the agent is stopping");
    }
    agent.countToolCall();
    agent.journal().event(AgentEvent.Type.TOOL_CALL_STARTED, agent.turn(), call.name(), call.id(), call.name());
    if (BuiltinTools.SLEEP.equals(call.name())) {
      return builtins.sleep(call);
    }
    if (BuiltinTools.MEMORY_TOOLS.contains(call.name())) {
      return builtins.memory(call);
    }
    if (BuiltinTools.ASK_HUMAN.equals(call.name())) {
      return builtins.askHuman(call);
    }
    if (BuiltinTools.ASK_AGENT.equals(call.name())) {
      doing(call, "waiting for a reply from agent " + argument(call, "agent_id"));
    }
    if (BuiltinTools.SEND_TO_AGENT.equals(call.name()) || BuiltinTools.ASK_AGENT.equals(call.name())) {
      return agent.messages().call(agent, call, waitDeadline());
    }
    if (BuiltinTools.HANDOFF.equals(call.name())) {
      return SubAgents.handoff(agent, call);
    }
    if (call.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
      doing(call, "waiting for sub-agent " + call.name().substring(BuiltinTools.AGENT_PREFIX.length()));
      return SubAgents.call(agent, call, tool, agentCallsThisStep, waitDeadline());
    }
    // The hint parses the arguments: once for the details and the activity's summary.
    String hint = summaryHint(call.arguments());
    doing(call, "running tool " + call.name() + hint);
    return invokeActivity(call, tool, hint);
  }

  /**
   * When waits inside tools (sleep, a person's answer, another agent) must end: the turn's time
   * limit, epoch milliseconds; 0 when the turn has none. Agents from before waits kept the limit
   * replay without it.
   */
  private long waitDeadline() {
    if (turnDeadlineMillis <= 0
        || !Versions.atLeast(ChangeIds.WAITS_END_AT_TURN_LIMIT, 1)) {
      return 0;
    }
    return turnDeadlineMillis;
  }

  private static boolean needsApproval(ApprovalPolicy policy, String tool) {
    if (policy.tools().contains("*") || policy.tools().contains(tool)) {
      return true;
    }
    // Wildcards (server.*) came later: a history from before them replays as it ran.
    return policy.requiresApproval(tool)
        && Versions.atLeast(ChangeIds.APPROVAL_WILDCARDS, 1);
  }

  private Decision awaitApproval(ToolCall call, AgentSpec spec) {
    PendingApproval p = agent.approvals().open(call.id(), call.name(), call.arguments(), agent.turn(),
        Duration.ofSeconds(spec.approval().timeoutSeconds()));
    agent.journal().event(AgentEvent.Type.APPROVAL_NEEDED, agent.turn(),
        call.name() + " " + Text.abbreviate(call.arguments(), 200) + " needs approval (call " + call.id() + ")",
        call.id(), call.name());
    agent.refreshStatus();
    doing(call, "waiting for approval of " + call.name() + " (call " + call.id() + ")");
    Decision d = agent.approvals().await(p, turnDeadlineMillis,
        () -> agent.stopRequested() || agent.interruptRequested(), "the turn ended before a decision");
    if (d.decidedBy() != null && (d.decidedBy().equals("timeout") || d.decidedBy().equals("steward"))) {
      agent.journal().event(AgentEvent.Type.APPROVAL_DECIDED, agent.turn(), "denied " + call.name() + ": " + d.reason(),
          call.id(), call.name());
    }
    agent.refreshStatus();
    return d;
  }

  private ToolResult invokeActivity(ToolCall call, ToolSpec tool, String hint) {
    boolean heartbeats = Versions.atLeast(ChangeIds.TOOL_CALLS_HEARTBEAT_AND_CANCEL, 1);
    Integer declared = heartbeats ? DeclaredTools.timeoutSeconds(tool) : null;
    long timeout = optionSeconds(tool, "timeout_seconds", declared != null && declared > 0 ? declared
        : DEFAULT_TOOL_TIMEOUT_SECONDS);
    // The chain's first run id tells this life of the agent id from an earlier one; it is in the
    // start event, so it replays the same and needs no marker. The agent id is left out (the
    // activity reads its workflow id) and the turn is here for the activity's log lines: history
    // bytes, not commands, so no change id.
    ToolInvocation invocation = new ToolInvocation(null, call.id(), call.name(), call.arguments(),
        tool.options(), Workflow.getInfo().getFirstExecutionRunId(), agent.turn());
    try {
      if (BuiltinTools.LOCAL.contains(call.name()) && Versions.atLeast(ChangeIds.CURRENT_TIME_AS_LOCAL_ACTIVITY, 1)) {
        return Workflow.newUntypedLocalActivityStub(localOptions(timeout, call.name() + hint))
            .execute(ToolActivities.TYPE, ToolResult.class, invocation);
      }
      // Untyped: a typed stub reads the interface by reflection and makes a proxy on every call. The
      // same activity type, options and input: the same command.
      ActivityStub tools = Workflow.newUntypedActivityStub(activityOptions(timeout, call.name() + hint, heartbeats));
      if (!heartbeats) {
        return tools.execute(ToolActivities.TYPE, ToolResult.class, invocation);
      }
      Promise<ToolResult> result = Cancellable.await(
          () -> tools.executeAsync(ToolActivities.TYPE, ToolResult.class, invocation), 0, null,
          agent::stopRequested, () -> "the agent is stopping");
      if (!result.isCompleted()) {
        return ToolResult.error("tool " + call.name() + " cancelled: the agent is stopping");
      }
      return result.get();
    } catch (ActivityFailure e) {
      String why = e.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage()
          : e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      return ToolResult.error("tool " + call.name() + " failed after retries: " + why);
    }
  }

  private static ActivityOptions activityOptions(long timeoutSeconds, String summary, boolean heartbeats) {
    ActivityOptions.Builder options = ActivityOptions.newBuilder()
        // A little more than the tool's own timeout, so the tool reports its timeout itself.
        .setStartToCloseTimeout(Duration.ofSeconds(timeoutSeconds + 10))
        .setRetryOptions(retries())
        .setSummary("tool " + summary);
    if (heartbeats) {
      // The worker beats every few seconds whatever the tool does: a dead worker is noticed in
      // HEARTBEAT_TIMEOUT, not the tool's whole timeout, and a stop reaches the running tool.
      options.setHeartbeatTimeout(HEARTBEAT_TIMEOUT);
    }
    return options.build();
  }

  /**
   * A local tool call's options: the same time limit and attempts as an activity's. Its marker leaves
   * the arguments out (they are in the transcript already); it answers at once, so nothing to cancel.
   */
  private static LocalActivityOptions localOptions(long timeoutSeconds, String summary) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(timeoutSeconds + 10))
        .setRetryOptions(retries())
        .setDoNotIncludeArgumentsIntoMarker(true)
        .setSummary("tool " + summary)
        .build();
  }

  private static RetryOptions retries() {
    return RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumAttempts(MAX_ATTEMPTS).build();
  }

  private static long optionSeconds(ToolSpec tool, String name, long fallback) {
    Object v = tool.options().get(name);
    return v instanceof Number n && n.longValue() > 0 ? n.longValue() : fallback;
  }

  /** One string argument of a call, abbreviated, or empty when there is none. */
  private static String argument(ToolCall call, String name) {
    try {
      return Text.abbreviate(ToolArguments.parse(call.arguments()).path(name).asText(""), 60);
    } catch (Exception e) {
      return "";
    }
  }

  /** A few words from the arguments for the Web UI: a URL's host, or the first short string. */
  public static String summaryHint(String arguments) {
    try {
      JsonNode args = ToolArguments.parse(arguments);
      if (args.hasNonNull("url")) {
        String host = URI.create(args.get("url").asText()).getHost();
        if (host != null) {
          return " " + host;
        }
      }
      for (Iterator<JsonNode> it = args.elements(); it.hasNext(); ) {
        JsonNode v = it.next();
        if (v.isTextual()) {
          return " " + Text.abbreviate(v.asText(), 40);
        }
      }
    } catch (Exception e) {
      // Malformed arguments have no hint; the tool reports them.
    }
    return "";
  }
}
