package dev.steward.activities.model.anthropic;

import dev.steward.activities.model.Sse;
import mockwebserver3.MockResponse;

/** Messages API streams and errors in Anthropic's documented wire format. */
final class AnthropicWire {

  private AnthropicWire() {}

  static String messageStart(int inputTokens) {
    return messageStart(inputTokens, 0, 0);
  }

  /** The opening event; Anthropic counts cache writes and reads apart from {@code input_tokens}. */
  static String messageStart(int inputTokens, int cacheCreation, int cacheRead) {
    return """
        {"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant",\
        "content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,\
        "usage":{"input_tokens":%d,"cache_creation_input_tokens":%d,"cache_read_input_tokens":%d,"output_tokens":1}}}"""
        .formatted(inputTokens, cacheCreation, cacheRead);
  }

  static String textDelta(int index, String text) {
    return "{\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}"
        .formatted(index, text);
  }

  static String messageDelta(String stopReason, int outputTokens) {
    return "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":%d}}"
        .formatted(stopReason, outputTokens);
  }

  static MockResponse reply(String text, int inputTokens, int outputTokens) {
    return reply(text, inputTokens, 0, 0, outputTokens);
  }

  static MockResponse reply(String text, int inputTokens, int cacheCreation, int cacheRead, int outputTokens) {
    int half = text.length() / 2;
    return Sse.named(
        "message_start", messageStart(inputTokens, cacheCreation, cacheRead),
        "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "ping", "{\"type\": \"ping\"}",
        "content_block_delta", textDelta(0, text.substring(0, half)),
        "content_block_delta", textDelta(0, text.substring(half)),
        "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
        "message_delta", messageDelta("end_turn", outputTokens),
        "message_stop", "{\"type\":\"message_stop\"}");
  }

  /** Some text, then one tool_use block whose input arrives as partial JSON. */
  static MockResponse toolUse(String wireName, String inputJson) {
    int half = inputJson.length() / 2;
    return Sse.named(
        "message_start", messageStart(472),
        "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "content_block_delta", textDelta(0, "Let me open that."),
        "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}",
        "content_block_start", ("{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
            + "\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\",\"name\":\"%s\",\"input\":{}}}").formatted(wireName),
        "content_block_delta", partialJson(inputJson.substring(0, half)),
        "content_block_delta", partialJson(inputJson.substring(half)),
        "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}",
        "message_delta", messageDelta("tool_use", 89),
        "message_stop", "{\"type\":\"message_stop\"}");
  }

  static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"%s\",\"message\":\"%s\"}}".formatted(type, message);
  }

  private static String partialJson(String part) {
    return "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"%s\"}}"
        .formatted(part.replace("\"", "\\\""));
  }
}
