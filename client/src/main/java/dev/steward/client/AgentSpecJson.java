package dev.steward.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.workflows.spec.AgentSpec;
import java.io.UncheckedIOException;

/**
 * An {@link AgentSpec} as JSON: the records' own field names (the agent file's snake_case ones), as
 * in an export's {@code agent.spec}, the gateway's {@code Agent.spec_json} and its requests'
 * {@code spec_json}. A spec loaded with {@code AgentFiles.load} is resolved: its sub-agents' specs
 * and its OpenAPI documents are inside it, so the JSON needs no files wherever it is read.
 */
public final class AgentSpecJson {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private AgentSpecJson() {}

  /** The spec as compact JSON; absent (null) fields are left out. */
  public static String write(AgentSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a spec. Fields this version does not know are ignored, as in exports; nothing is checked
   * beyond the JSON's shape.
   *
   * @throws IllegalArgumentException when the text is not a JSON object of an agent spec
   */
  public static AgentSpec read(String json) {
    AgentSpec spec;
    try {
      spec = JSON.readValue(json, AgentSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an agent spec in JSON: " + e.getOriginalMessage(), e);
    }
    if (spec == null) {
      throw new IllegalArgumentException("not an agent spec in JSON: expected an object, got null");
    }
    return spec;
  }
}
