package dev.steward.activities.model.openai;

import dev.steward.activities.model.Sse;
import mockwebserver3.MockResponse;

/**
 * Chat Completions responses in OpenAI's documented wire format: streamed
 * {@code chat.completion.chunk} events ending in a usage chunk (sent because of
 * {@code stream_options.include_usage}) and {@code [DONE]}; errors as JSON bodies.
 */
final class OpenAiWire {

  private static final String HEAD =
      "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,"
          + "\"model\":\"gpt-4.1-2025-04-14\",\"system_fingerprint\":\"fp_1\",";

  private OpenAiWire() {}

  static MockResponse json(int code, String body) {
    return Sse.json(code, body);
  }

  static MockResponse reply(String text, int promptTokens, int completionTokens) {
    return reply(text, promptTokens, completionTokens, 0);
  }

  /** A reply whose final usage chunk says {@code cachedTokens} of the prompt came from OpenAI's prompt cache. */
  static MockResponse reply(String text, int promptTokens, int completionTokens, int cachedTokens) {
    int half = text.length() / 2;
    return Sse.data(
        chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null),
        chunk("{\"content\":\"%s\"}".formatted(text.substring(0, half)), null),
        chunk("{\"content\":\"%s\"}".formatted(text.substring(half)), null),
        chunk("{}", "stop"),
        usage(promptTokens, completionTokens, cachedTokens),
        "[DONE]");
  }

  /** An answer that calls two tools, named as they are on the wire, arguments split over chunks. */
  static MockResponse toolCalls(String firstWireName, String firstArgs, String secondWireName, String secondArgs) {
    return Sse.data(
        chunk("{\"role\":\"assistant\",\"content\":null}", null),
        chunk(toolDelta(0, "call_abc123", firstWireName, ""), null),
        chunk(argsDelta(0, firstArgs.substring(0, 5)), null),
        chunk(argsDelta(0, firstArgs.substring(5)), null),
        chunk(toolDelta(1, "call_def456", secondWireName, ""), null),
        chunk(argsDelta(1, secondArgs), null),
        chunk("{}", "tool_calls"),
        usage(82, 17, 0),
        "[DONE]");
  }

  static MockResponse error(int code, String type, String errorCode, String message) {
    return json(code, """
        {"error": {"message": "%s", "type": "%s", "param": null, "code": %s}}
        """.formatted(message, type, errorCode == null ? "null" : "\"" + errorCode + "\""));
  }

  private static String chunk(String delta, String finishReason) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}";
  }

  private static String usage(int prompt, int completion, int cached) {
    return HEAD + ("\"choices\":[],\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":%d,\"audio_tokens\":0},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}")
        .formatted(prompt, completion, prompt + completion, cached);
  }

  private static String toolDelta(int index, String id, String name, String args) {
    return "{\"tool_calls\":[{\"index\":%d,\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"%s\",\"arguments\":%s}}]}"
        .formatted(index, id, name, quoted(args));
  }

  private static String argsDelta(int index, String args) {
    return "{\"tool_calls\":[{\"index\":%d,\"function\":{\"arguments\":%s}}]}".formatted(index, quoted(args));
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
