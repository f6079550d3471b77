package dev.steward.gateway;

import java.util.regex.Pattern;

/** Agent resource names, {@code agents/{agent_id}}, and the ids inside them. */
final class AgentNames {

  private static final String PREFIX = "agents/";
  /** Letters, digits, {@code - _ .}; like Temporal workflow ids people type, and safe in a URL path. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  /**
   * An id as above, or a sub-agent's: its parent's id, then {@code /<tool name>/<call id>} once per
   * level (the child workflow ids Steward gives sub-agents), so a person can open a sub-agent's page.
   * Callers only ever choose ids of the first form.
   */
  private static final Pattern NAMED_ID = Pattern.compile(
      "[A-Za-z0-9][A-Za-z0-9._-]{0,199}(/[A-Za-z0-9][A-Za-z0-9._:-]{0,199}/[A-Za-z0-9][A-Za-z0-9._:-]{0,199}){0,8}");

  private AgentNames() {}

  static String name(String agentId) {
    return PREFIX + agentId;
  }

  /**
   * The agent id in a resource name.
   *
   * @param field the request field, for the error
   * @throws BadRequestException when the name is missing or not {@code agents/{agent_id}}
   */
  static String parse(String name, String field) {
    if (name == null || name.isBlank()) {
      throw new BadRequestException(field, "required: the agent's resource name, agents/{agent_id}");
    }
    if (!name.startsWith(PREFIX) || !NAMED_ID.matcher(name.substring(PREFIX.length())).matches()) {
      throw new BadRequestException(field, "must be agents/{agent_id} with an id of letters, digits, '-', '_' or '.'"
          + " (at most 200 characters), or a sub-agent's id, agents/{agent_id}/{tool}/{call_id}");
    }
    return name.substring(PREFIX.length());
  }

  /** Checks a caller-chosen id; blank is allowed (one is generated). */
  static String checkId(String agentId, String field) {
    if (agentId == null || agentId.isBlank()) {
      return null;
    }
    if (!ID.matcher(agentId).matches()) {
      throw new BadRequestException(field, "must be letters, digits, '-', '_' or '.', starting with a letter or digit,"
          + " at most 200 characters");
    }
    return agentId;
  }
}
