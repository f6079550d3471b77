package dev.steward.gateway.openai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a response id stands for, carried in the id itself so that no gateway has to remember it: the
 * agent (workflow id) and run that took the turn, the {@code ask} update that holds the turn's
 * outcome in Temporal, and which reply to that turn it is (0 for the request that started it, 1 and
 * on for follow-ups that carried approvals or answers into the same turn).
 *
 * <p>Form: {@code resp_} + unpadded base64url of the four fields joined by newlines. An id is not a
 * secret: every use is checked against the caller's tenant.
 *
 * @param agentId the agent's id
 * @param runId the workflow run that accepted the update
 * @param updateId the {@code ask} update's id
 * @param part 0 for the turn's first response, then 1, 2, ... for follow-ups into the same turn
 */
record ResponseId(String agentId, String runId, String updateId, int part) {

  static final String PREFIX = "resp_";

  /** The id as clients see it. */
  String encode() {
    String raw = agentId + "\n" + runId + "\n" + updateId + "\n" + part;
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The same turn's next response. */
  ResponseId next() {
    return new ResponseId(agentId, runId, updateId, part + 1);
  }

  /**
   * Reads an id a client sent.
   *
   * @param param the request field it came in, for the error
   * @throws OpenAiException 404 when it is not one of ours
   */
  static ResponseId parse(String id, String param) {
    if (id == null || !id.startsWith(PREFIX)) {
      throw OpenAiException.notFound("response", String.valueOf(id));
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(id.substring(PREFIX.length())), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length != 4 || parts[0].isEmpty() || parts[2].isEmpty()) {
        throw OpenAiException.notFound("response", id);
      }
      return new ResponseId(parts[0], parts[1], parts[2], Integer.parseInt(parts[3]));
    } catch (IllegalArgumentException e) {
      throw OpenAiException.notFound("response", id);
    }
  }
}
