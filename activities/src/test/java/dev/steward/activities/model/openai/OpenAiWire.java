package dev.steward.activities.model.openai;

import mockwebserver3.MockResponse;

/** Chat Completions responses in OpenAI's documented wire format. */
final class OpenAiWire {

  private OpenAiWire() {}

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse reply(String text, int promptTokens, int completionTokens) {
    return json(200, """
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4.1-2025-04-14",
          "choices": [
            {
              "index": 0,
              "message": {"role": "assistant", "content": "%s", "refusal": null, "annotations": []},
              "logprobs": null,
              "finish_reason": "stop"
            }
          ],
          "usage": {
            "prompt_tokens": %d,
            "completion_tokens": %d,
            "total_tokens": %d,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
              "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
          },
          "service_tier": "default"
        }
        """.formatted(text, promptTokens, completionTokens, promptTokens + completionTokens));
  }

  /** An answer that calls two tools, named as they are on the wire. */
  static MockResponse toolCalls(String firstWireName, String firstArgs, String secondWireName, String secondArgs) {
    return json(200, """
        {
          "id": "chatcmpl-abc123",
          "object": "chat.completion",
          "created": 1699896916,
          "model": "gpt-4.1-2025-04-14",
          "choices": [
            {
              "index": 0,
              "message": {
                "role": "assistant",
                "content": null,
                "tool_calls": [
                  {"id": "call_abc123", "type": "function", "function": {"name": "%s", "arguments": %s}},
                  {"id": "call_def456", "type": "function", "function": {"name": "%s", "arguments": %s}}
                ]
              },
              "logprobs": null,
              "finish_reason": "tool_calls"
            }
          ],
          "usage": {"prompt_tokens": 82, "completion_tokens": 17, "total_tokens": 99}
        }
        """.formatted(firstWireName, quoted(firstArgs), secondWireName, quoted(secondArgs)));
  }

  static MockResponse error(int code, String type, String errorCode, String message) {
    return json(code, """
        {"error": {"message": "%s", "type": "%s", "param": null, "code": %s}}
        """.formatted(message, type, errorCode == null ? "null" : "\"" + errorCode + "\""));
  }

  private static String quoted(String json) {
    return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
