package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
/**
 * A message for the agent. Null fields are left out of the history (the update's input) and read
 * back null.
 *
 * @param id a client-chosen id that makes sending idempotent; null to have one assigned
 * @param text the message
 * @param sender who sent it, for the transcript (e.g. a user name); null for "user"
 * @param replyTo for a message from {@code ask_agent}: the asking agent, told the outcome when the turn ends; else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserMessage(String id, String text, String sender, String replyTo) {

  public UserMessage(String id, String text, String sender) {
    this(id, text, sender, null);
  }

  public static UserMessage of(String text) {
    return new UserMessage(null, text, null);
  }
}
