package dev.steward.gateway.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The argument of the {@code ask} update a response starts: the fields of the agent's
 * {@code UserMessage} (which the workflow reads, ignoring the rest) plus {@code openai}, what the
 * Responses API needs to answer {@code GET /v1/responses/{id}} later. The update's accepted request
 * stays in the workflow history, so this survives any gateway restart.
 *
 * @param id the message id
 * @param text the message
 * @param sender who sent it, for the transcript
 * @param openai the request's Responses API fields
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TurnRequest(String id, String text, String sender, @JsonProperty("openai") Meta openai) {

  /**
   * The request's fields that a response echoes.
   *
   * @param model the spec name the request gave (or the agent's)
   * @param instructions the request's instructions, or null
   * @param metadata the request's metadata
   * @param previousResponseId the response it continued, or null
   * @param conversation the conversation it belongs to, or null
   * @param background whether it ran in the background
   * @param store whether it is stored (false: the agent stops after the turn)
   * @param tools the tool names the request listed, or null
   * @param createdAt when the gateway took it, epoch seconds
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Meta(String model, String instructions, Map<String, String> metadata,
      @JsonProperty("previous_response_id") String previousResponseId, String conversation, boolean background,
      boolean store, List<String> tools, @JsonProperty("created_at") long createdAt) {

    Meta {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
  }
}
