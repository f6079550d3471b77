package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;

/**
 * Everything one model call needs. The model's API key is not here: the activity reads it from the
 * worker's environment by the credential name in {@link ModelSpec}.
 *
 * @param agentId the agent asking; null in what the workflow schedules (the agent is the workflow that
 *     scheduled the activity, {@link #forAgent}), given in requests scheduled by releases before that
 * @param turn the turn number, from 1
 * @param step the model call within the turn, from 1
 * @param model which model, and how
 * @param instructions the system prompt
 * @param messages the conversation so far, oldest first
 * @param tools the tools the model may call; the activity looks up their descriptions and schemas
 * @param contextSeq when above 0, {@code instructions} and {@code messages} are left out and the activity
 *     reads them from the agent (query {@code modelContext(contextSeq)}), so history does not grow with the
 *     conversation; 0 when they are given inline
 * @param toolsRef when not null, {@code model} and {@code tools} are left out and the activity finds
 *     them by this content hash ({@link ModelTools#hash}) in its worker's cache, or reads them from the
 *     agent on a miss, so history does not carry the spec in every step; null when they are inline
 * @param modelIndex with {@code toolsRef}: which model of {@link ModelTools#models()} (0 the agent's model,
 *     then its fallbacks in order); left out of the history when 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
// Nulls and empty lists stay out of the history (a request by reference is mostly those).
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ModelRequest(
    String agentId,
    int turn,
    int step,
    ModelSpec model,
    String instructions,
    List<ChatMessage> messages,
    List<ToolSpec> tools,
    long contextSeq,
    String toolsRef,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int modelIndex) {

  public ModelRequest {
    // What the history leaves out comes back empty, never null.
    instructions = instructions == null ? "" : instructions;
    messages = messages == null ? List.of() : messages;
    tools = tools == null ? List.of() : tools;
  }

  public ModelRequest(String agentId, int turn, int step, ModelSpec model, String instructions,
      List<ChatMessage> messages, List<ToolSpec> tools) {
    this(agentId, turn, step, model, instructions, messages, tools, 0);
  }

  public ModelRequest(String agentId, int turn, int step, ModelSpec model, String instructions,
      List<ChatMessage> messages, List<ToolSpec> tools, long contextSeq) {
    this(agentId, turn, step, model, instructions, messages, tools, contextSeq, null, 0);
  }

  /**
   * A request whose context, model and tools travel by reference, and whose agent is the workflow
   * that schedules it: what the agent workflow sends.
   */
  public static ModelRequest byReference(int turn, int step, long contextSeq, String toolsRef, int modelIndex) {
    return byReference(null, turn, step, contextSeq, toolsRef, modelIndex);
  }

  /** A request whose context, model and tools travel by reference. */
  public static ModelRequest byReference(String agentId, int turn, int step, long contextSeq, String toolsRef,
      int modelIndex) {
    return new ModelRequest(agentId, turn, step, null, "", List.of(), List.of(), contextSeq, toolsRef, modelIndex);
  }

  /**
   * The same request naming {@code workflowId} as its agent when it names none: the activity's
   * workflow id, which is the agent id (a sub-agent's too, it runs as its own workflow).
   */
  public ModelRequest forAgent(String workflowId) {
    return agentId != null || workflowId == null ? this
        : new ModelRequest(workflowId, turn, step, model, instructions, messages, tools, contextSeq, toolsRef, modelIndex);
  }

  /** The same request with its context filled in. */
  public ModelRequest withContext(String system, List<ChatMessage> context) {
    return new ModelRequest(agentId, turn, step, model, system, context, tools, 0, toolsRef, modelIndex);
  }

  /** The same request with its model and tools filled in. */
  public ModelRequest withModelAndTools(ModelSpec resolvedModel, List<ToolSpec> resolvedTools) {
    return new ModelRequest(agentId, turn, step, resolvedModel, instructions, messages, resolvedTools, contextSeq,
        null, 0);
  }
}
