package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** An MCP tool result as text for the model: text parts as they are, other parts (images, resources) as JSON. */
final class McpResults {

  private McpResults() {}

  static String text(McpSchema.CallToolResult result, ObjectMapper json) {
    List<String> parts = new ArrayList<>();
    if (result.content() != null) {
      for (McpSchema.Content c : result.content()) {
        parts.add(c instanceof McpSchema.TextContent t ? t.text() : asJson(c, json));
      }
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      parts.add(asJson(result.structuredContent(), json));
    }
    return String.join("\n", parts);
  }

  private static String asJson(Object value, ObjectMapper json) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
