package dev.steward.workflows.agent;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec.MemoryBlockSpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;
import java.util.Objects;

/**
 * The checks every workflow input passes before the agent uses it, for inputs from clients in any
 * language: each names the first field that is wrong by its JSON path (e.g. {@code $.spec.model.provider}).
 * Pure functions of the input: no workflow commands, so they may run anywhere, even in a constructor.
 */
public final class InputCheck {

  /** The failure type of a workflow that ended because its input was invalid. */
  public static final String INVALID_INPUT = "InvalidAgentInput";

  private InputCheck() {}

  /** What is wrong with the workflow's input, or null when nothing is. Never throws. */
  public static String problem(AgentInput input) {
    try {
      return check(input);
    } catch (RuntimeException e) {
      // A check that trips over the input must not fail the workflow task forever either.
      return "$ could not be checked: " + e;
    }
  }

  private static String check(AgentInput input) {
    if (input == null) {
      return "$ is required: the workflow's one argument is an AgentInput object";
    }
    String spec = check(input.spec(), "$.spec");
    if (spec != null) {
      return spec;
    }
    if (input.task() != null && blank(input.task().text())) {
      return "$.task.text is required when a task is given";
    }
    AgentState s = input.carried();
    if (s == null) {
      return null;
    }
    if (s.usage() == null) {
      return "$.carried.usage is required in a carried state";
    }
    if (s.inbox() == null || s.inbox().stream().anyMatch(Objects::isNull)) {
      return "$.carried.inbox is required in a carried state, a list of messages";
    }
    if (s.seenMessageIds() == null) {
      return "$.carried.seenMessageIds is required in a carried state";
    }
    if (s.turn() < 0 || s.runs() < 0 || s.nextEventSeq() < 0 || s.compactedThroughSeq() < 0) {
      return "$.carried: turn, runs, nextEventSeq and compactedThroughSeq must not be negative";
    }
    String segments = segmentsProblem(s);
    if (segments != null) {
      return segments;
    }
    if (s.pendingSpec() != null) {
      return check(s.pendingSpec(), "$.carried.pendingSpec");
    }
    return null;
  }

  /** Segments must cover entries 1.. without gaps, each named by a blob key, and the transcript go on from them. */
  private static String segmentsProblem(AgentState s) {
    if (s.segments() == null) {
      return null;
    }
    long next = 1;
    for (int i = 0; i < s.segments().size(); i++) {
      TranscriptSegment seg = s.segments().get(i);
      String at = "$.carried.segments[" + i + "]";
      if (seg == null || seg.key() == null || !seg.key().matches("[0-9a-f]{64}")) {
        return at + ".key must be a blob key (64 hexadecimal digits)";
      }
      if (seg.fromSeq() != next || seg.toSeq() < seg.fromSeq()) {
        return at + " must cover entries from " + next + " on, not " + seg.fromSeq() + "–" + seg.toSeq();
      }
      if (seg.level() < 0 || seg.level() > 64) {
        return at + ".level must be 0 (entries) or the level of an index (1 to 64), not " + seg.level();
      }
      if (seg.eventsFrom() < 0 || seg.eventsTo() < seg.eventsFrom() || (seg.eventsFrom() == 0) != (seg.eventsTo() == 0)) {
        return at + ".eventsFrom and .eventsTo must both be 0 (no events) or a range from 1 on, not "
            + seg.eventsFrom() + "–" + seg.eventsTo();
      }
      next = seg.toSeq() + 1;
    }
    if (s.transcript() != null && !s.transcript().isEmpty() && s.transcript().get(0) != null
        && s.transcript().get(0).seq() != next) {
      return "$.carried.transcript[0].seq must be " + next + ", the entry after the last segment";
    }
    return null;
  }

  /** What is wrong with an agent spec found at {@code path}, or null when nothing is. Never throws. */
  public static String problem(AgentSpec spec, String path) {
    try {
      return check(spec, path);
    } catch (RuntimeException e) {
      return path + " could not be checked: " + e;
    }
  }

  private static String check(AgentSpec spec, String path) {
    if (spec == null) {
      return path + " is required";
    }
    if (blank(spec.name())) {
      return path + ".name is required";
    }
    String model = model(spec.model(), path + ".model");
    if (model != null) {
      return model;
    }
    for (int i = 0; i < spec.fallbacks().size(); i++) {
      String fallback = model(spec.fallbacks().get(i), path + ".fallbacks[" + i + "]");
      if (fallback != null) {
        return fallback;
      }
    }
    List<ToolSpec> tools = spec.tools();
    for (int i = 0; i < tools.size(); i++) {
      if (tools.get(i) == null || blank(tools.get(i).name())) {
        return path + ".tools[" + i + "].name is required: each tool is an object such as {\"name\": \"current_time\"}";
      }
    }
    String limits = limits(spec.limits(), path + ".limits");
    if (limits != null) {
      return limits;
    }
    if (spec.approval().tools().stream().anyMatch(Objects::isNull)) {
      return path + ".approval.tools must hold tool names, not null";
    }
    if (spec.memory().summarizer() != null) {
      String summarizer = model(spec.memory().summarizer(), path + ".memory.summarizer");
      if (summarizer != null) {
        return summarizer;
      }
    }
    List<MemoryBlockSpec> blocks = spec.memory().blocks();
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) == null || blank(blocks.get(i).name())) {
        return path + ".memory.blocks[" + i + "].name is required";
      }
    }
    List<ScheduleSpec> schedules = spec.schedules();
    for (int i = 0; i < schedules.size(); i++) {
      ScheduleSpec s = schedules.get(i);
      String at = path + ".schedules[" + i + "]";
      if (s == null || blank(s.name())) {
        return at + ".name is required";
      }
      if (blank(s.message())) {
        return at + ".message is required";
      }
    }
    return null;
  }

  /**
   * A harmless input to build the agent's state from when the real one cannot even be read, so the
   * handlers of the one workflow task that fails the workflow find an agent (an empty one) to talk to.
   */
  static AgentInput standIn(AgentInput invalid) {
    ModelSpec none = new ModelSpec("none", "none", null, null, null, null, null, null, null);
    AgentSpec spec = new AgentSpec("invalid-input", "", none, List.of(), Limits.DEFAULTS, null, null, null, null);
    return new AgentInput(spec, invalid == null ? null : invalid.tenant(), 0, null);
  }

  private static String model(ModelSpec model, String path) {
    if (model == null) {
      return path + " is required";
    }
    if (blank(model.provider())) {
      return path + ".provider is required";
    }
    if (model.timeoutSeconds() != null && model.timeoutSeconds() <= 0) {
      return path + ".timeout_seconds must be positive, not " + model.timeoutSeconds();
    }
    if (model.maxTokens() != null && model.maxTokens() <= 0) {
      return path + ".max_tokens must be positive, not " + model.maxTokens();
    }
    return null;
  }

  private static String limits(Limits l, String path) {
    if (l.maxTurns() < 0) {
      return path + ".max_turns must be 0 (no limit) or more, not " + l.maxTurns();
    }
    if (l.maxTotalTokens() < 0) {
      return path + ".max_total_tokens must be 0 (no limit) or more, not " + l.maxTotalTokens();
    }
    if (l.maxTurnSeconds() < 0) {
      return path + ".max_turn_seconds must be 0 (no limit) or more, not " + l.maxTurnSeconds();
    }
    if (!(l.maxCostUsd() >= 0) || Double.isInfinite(l.maxCostUsd())) {
      return path + ".max_cost_usd must be 0 (no limit) or a positive number of dollars, not " + l.maxCostUsd();
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
