package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;

/**
 * Everything one model call needs. The model's API key is not here: the activity reads it from the
 * worker's environment by the credential name in {@link ModelSpec}.
 *
 * @param agentId the agent asking
 * @param turn the turn number, from 1
 * @param step the model call within the turn, from 1
 * @param model which model, and how
 * @param instructions the system prompt
 * @param messages the conversation so far, oldest first
 * @param tools the tools the model may call; the activity looks up their descriptions and schemas
 * @param contextSeq when above 0, {@code instructions} and {@code messages} are left out and the activity
 *     reads them from the agent (query {@code modelContext(contextSeq)}), so history does not grow with the
 *     conversation; 0 when they are given inline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelRequest(
    String agentId,
    int turn,
    int step,
    ModelSpec model,
    String instructions,
    List<ChatMessage> messages,
    List<ToolSpec> tools,
    long contextSeq) {

  public ModelRequest(String agentId, int turn, int step, ModelSpec model, String instructions,
      List<ChatMessage> messages, List<ToolSpec> tools) {
    this(agentId, turn, step, model, instructions, messages, tools, 0);
  }

  /** The same request with its context filled in. */
  public ModelRequest withContext(String system, List<ChatMessage> context) {
    return new ModelRequest(agentId, turn, step, model, system, context, tools, 0);
  }
}
