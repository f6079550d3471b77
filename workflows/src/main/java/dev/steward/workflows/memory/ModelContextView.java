package dev.steward.workflows.memory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.steward.workflows.model.ChatMessage;
import java.util.List;

/**
 * What the model sees for one call, as the agent answers the {@code modelContext} query.
 *
 * @param system the instructions with the memory blocks
 * @param messages the summary of older turns (if any), then the conversation since
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelContextView(String system, List<ChatMessage> messages) {}
