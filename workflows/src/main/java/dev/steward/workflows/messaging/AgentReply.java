package dev.steward.workflows.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Another agent's answer to an {@code ask_agent} message, signalled back to the asker.
 *
 * @param correlationId the id of the message it answers
 * @param fromAgent the answering agent's id
 * @param completed true when its turn completed
 * @param text the reply, or what went wrong
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentReply(String correlationId, String fromAgent, boolean completed, String text) {}
