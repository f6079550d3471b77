package dev.steward.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * A tool call the model asked for.
 *
 * @param id the call's id, unique within the agent; people approve or deny calls by it
 * @param name the tool's Steward name
 * @param arguments the arguments as the model wrote them: JSON text, possibly malformed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolCall(String id, String name, String arguments) {}
