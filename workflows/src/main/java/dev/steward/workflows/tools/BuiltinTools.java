package dev.steward.workflows.tools;

import java.util.List;

/** The tools every Steward worker has, by name. */
public final class BuiltinTools {

  /** Fetches a URL over HTTP(S); runs as an activity. */
  public static final String HTTP_GET = "http_get";
  /** Tells the current date and time; runs as a local activity ({@link #LOCAL}). */
  public static final String CURRENT_TIME = "current_time";
  /** Waits durably inside the workflow, for minutes or weeks, at no cost while waiting. */
  public static final String SLEEP = "sleep";

  /** Reads a memory block; runs in the workflow. */
  public static final String MEMORY_READ = "memory_read";
  /** Appends to a memory block; runs in the workflow. */
  public static final String MEMORY_APPEND = "memory_append";
  /** Replaces text in a memory block; runs in the workflow. */
  public static final String MEMORY_REPLACE = "memory_replace";

  /** Tools named {@code agent:<name>} start that agent as a child workflow for one task. */
  public static final String AGENT_PREFIX = "agent:";
  /** Hands the conversation over to one of the agent's sub-agents; runs in the workflow. */
  public static final String HANDOFF = "handoff";

  public static final String AGENT_TOOL_SCHEMA =
      """
      {"type":"object","properties":{"task":{"type":"string","description":"The task, complete and self-contained: the other agent sees nothing else."}},\
      "required":["task"],"additionalProperties":false}""";

  public static final String HANDOFF_SCHEMA =
      """
      {"type":"object","properties":{"agent":{"type":"string","description":"The name of the agent to hand over to (one of your agent: tools, without the prefix)."},\
      "note":{"type":"string","description":"What the next agent should know."}},\
      "required":["agent"],"additionalProperties":false}""";
  public static final String HANDOFF_DESCRIPTION =
      "Hand this conversation over to another agent, which continues it from here with the whole transcript.";

  /** Sends a message to another long-lived agent of the same tenant; runs in the workflow. */
  public static final String SEND_TO_AGENT = "send_to_agent";
  /** Sends a message to another agent and waits durably for its reply; runs in the workflow. */
  public static final String ASK_AGENT = "ask_agent";

  public static final String SEND_TO_AGENT_SCHEMA =
      """
      {"type":"object","properties":{"agent_id":{"type":"string","description":"The other agent's id."},\
      "text":{"type":"string","description":"The message."}},"required":["agent_id","text"],"additionalProperties":false}""";
  public static final String SEND_TO_AGENT_DESCRIPTION = "Send a message to another agent; it answers in its own time.";

  public static final String ASK_AGENT_SCHEMA =
      """
      {"type":"object","properties":{"agent_id":{"type":"string","description":"The other agent's id."},\
      "text":{"type":"string","description":"The question or request."},\
      "timeout_seconds":{"type":"integer","minimum":1,"description":"How long to wait for the reply; default a day."}},\
      "required":["agent_id","text"],"additionalProperties":false}""";
  public static final String ASK_AGENT_DESCRIPTION =
      "Ask another agent something and wait for its reply (durably: minutes or days).";

  /** Asks a person a question and waits durably for the answer; runs in the workflow. */
  public static final String ASK_HUMAN = "ask_human";

  public static final List<String> NAMES = List.of(HTTP_GET, CURRENT_TIME, SLEEP, MEMORY_READ, MEMORY_APPEND,
      MEMORY_REPLACE, ASK_HUMAN, SEND_TO_AGENT, ASK_AGENT);

  /** The tools an agent with memory blocks always has. */
  public static final List<String> MEMORY_TOOLS = List.of(MEMORY_READ, MEMORY_APPEND, MEMORY_REPLACE);

  /**
   * Tools cheap and harmless enough to run as local activities: read-only and answered at once, so
   * running one again after a worker dies costs nothing, and the turn saves a workflow task.
   */
  public static final List<String> LOCAL = List.of(CURRENT_TIME);

  /** Tools the workflow runs itself (deterministic, no activity). */
  public static final List<String> IN_WORKFLOW =
      List.of(SLEEP, MEMORY_READ, MEMORY_APPEND, MEMORY_REPLACE, ASK_HUMAN, SEND_TO_AGENT, ASK_AGENT);

  public static final String ASK_HUMAN_SCHEMA =
      """
      {"type":"object","properties":{"question":{"type":"string","description":"The question, complete and self-contained."},\
      "timeout_seconds":{"type":"integer","minimum":1,"description":"How long to wait for an answer; omit to wait as long as it takes."},\
      "default_answer":{"type":"string","description":"The answer to use if nobody answers in time."}},\
      "required":["question"],"additionalProperties":false}""";
  public static final String ASK_HUMAN_DESCRIPTION =
      "Ask a person a question and wait for the answer (minutes or days; waiting costs nothing).";

  public static final String MEMORY_READ_SCHEMA =
      """
      {"type":"object","properties":{"block":{"type":"string","description":"The memory block's name."}},\
      "required":["block"],"additionalProperties":false}""";
  public static final String MEMORY_READ_DESCRIPTION = "Read one of your memory blocks in full.";

  public static final String MEMORY_APPEND_SCHEMA =
      """
      {"type":"object","properties":{"block":{"type":"string","description":"The memory block's name."},\
      "text":{"type":"string","description":"Text to add at the end of the block, on a new line."}},\
      "required":["block","text"],"additionalProperties":false}""";
  public static final String MEMORY_APPEND_DESCRIPTION =
      "Remember something for good: append a line to one of your memory blocks (always visible to you).";

  public static final String MEMORY_REPLACE_SCHEMA =
      """
      {"type":"object","properties":{"block":{"type":"string","description":"The memory block's name."},\
      "old":{"type":"string","description":"The exact text to replace."},\
      "new":{"type":"string","description":"The text to put in its place; empty to delete."}},\
      "required":["block","old","new"],"additionalProperties":false}""";
  public static final String MEMORY_REPLACE_DESCRIPTION =
      "Correct or delete something in one of your memory blocks by replacing exact text.";

  /** The JSON Schema of {@code sleep}'s arguments; the workflow runs it, so the schema lives here. */
  public static final String SLEEP_SCHEMA =
      """
      {"type":"object","properties":{"duration":{"type":"string",\
      "description":"How long to wait: a number and a unit (s, m, h, d, w), e.g. 90s, 15m, 2h, 7d, or ISO-8601 like PT2H."},\
      "reason":{"type":"string","description":"Why the agent waits, shown to people."}},\
      "required":["duration"],"additionalProperties":false}""";

  public static final String SLEEP_DESCRIPTION =
      "Pause this agent durably for a while (minutes to weeks) and then continue the task. Costs nothing while waiting.";

  private BuiltinTools() {}
}
