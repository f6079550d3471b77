package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * A message for the agent.
 *
 * @param id a client-chosen id that makes sending idempotent; null to have one assigned
 * @param text the message
 * @param sender who sent it, for the transcript (e.g. a user name); null for "user"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserMessage(String id, String text, String sender) {
  public static UserMessage of(String text) {
    return new UserMessage(null, text, null);
  }
}
