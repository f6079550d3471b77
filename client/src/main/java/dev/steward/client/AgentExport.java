package dev.steward.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.steward.workflows.agent.AgentCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An agent written out whole: spec, memory blocks, summary, transcript and usage, in a JSON file
 * that any Steward installation can bring back to life with {@code steward import}.
 *
 * @param format always {@value #FORMAT}; files of another format are refused
 * @param agentId the exported agent's id
 * @param exportedAtMillis when, epoch milliseconds
 * @param agent the agent's state
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentExport(String format, String agentId, long exportedAtMillis, AgentCheckpoint agent) {

  public static final String FORMAT = "steward.agent.v1";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public void write(OutputStream out) throws IOException {
    JSON.writeValue(out, this);
  }

  /** Reads an export; throws {@link IllegalArgumentException} for a file that is not one. */
  public static AgentExport read(InputStream in, String source) throws IOException {
    AgentExport export;
    try {
      export = JSON.readValue(in, AgentExport.class);
    } catch (JsonProcessingException e) {
      // One line, in the file:line:column form editors link to; Jackson's own message spans two.
      JsonLocation at = e.getLocation();
      String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new IllegalArgumentException(where + " is not a Steward agent export: " + e.getOriginalMessage(), e);
    }
    // JSON null reads as no export at all.
    if (export == null || !FORMAT.equals(export.format()) || export.agent() == null || export.agent().spec() == null) {
      throw new IllegalArgumentException(source + " is not a Steward agent export (format " + FORMAT + ")");
    }
    return export;
  }
}
