package dev.steward.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.workflows.spec.AgentSpec;

/**
 * Whether two specs say the same thing. A spec that went through Temporal comes back with its free
 * maps rebuilt (an option's {@code Long} may return as {@code Integer}), so record equality alone
 * is too strict; their canonical JSON is compared instead.
 */
final class SpecEquality {

  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private SpecEquality() {}

  static boolean same(AgentSpec a, AgentSpec b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.equals(b)) {
      return true;
    }
    try {
      return CANONICAL.writeValueAsString(a).equals(CANONICAL.writeValueAsString(b));
    } catch (JsonProcessingException e) {
      return false;
    }
  }
}
