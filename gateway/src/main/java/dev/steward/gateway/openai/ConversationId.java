package dev.steward.gateway.openai;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Conversation ids and the agents behind them: conversation {@code conv_<hex>} is the agent with id
 * {@code conv-<hex>}, so the mapping needs no storage. The agent is started by the conversation's
 * first response (which names the spec as {@code model}); until then the conversation is empty.
 */
final class ConversationId {

  static final String PREFIX = "conv_";
  static final String AGENT_PREFIX = "conv-";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{32}");

  private ConversationId() {}

  /** A new conversation id. */
  static String create() {
    return PREFIX + UUID.randomUUID().toString().replace("-", "");
  }

  /** The agent id of a conversation id; 404 when it is not one of ours. */
  static String agentId(String conversationId) {
    if (conversationId == null || !conversationId.startsWith(PREFIX)
        || !HEX.matcher(conversationId.substring(PREFIX.length())).matches()) {
      throw OpenAiException.notFound("conversation", String.valueOf(conversationId));
    }
    return AGENT_PREFIX + conversationId.substring(PREFIX.length());
  }

  /** The conversation id of an agent, or null when the agent was not started for a conversation. */
  static String of(String agentId) {
    if (agentId == null || !agentId.startsWith(AGENT_PREFIX)) {
      return null;
    }
    String hex = agentId.substring(AGENT_PREFIX.length());
    return HEX.matcher(hex).matches() ? PREFIX + hex : null;
  }

  /** When the conversation was created: the id carries no time, so a conversation not started yet reads as now. */
  static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}
