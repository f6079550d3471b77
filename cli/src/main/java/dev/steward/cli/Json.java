package dev.steward.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.steward.client.EveryFieldJson;

/** The CLI's JSON output: Jackson over the agent model's records, indented for people who peek. */
final class Json {

  /**
   * Times as ISO-8601 text ({@code 2025-01-31T12:00:00Z}), which people and jq both read; every field
   * of a turn's outcome and usage, even those the history leaves out, so scripts find them.
   */
  static final ObjectMapper MAPPER = EveryFieldJson.of(new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT));

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }
}
