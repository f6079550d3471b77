package dev.steward.activities.model.scripted;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.model.ModelProvider;
import dev.steward.activities.model.errors.ModelFailures;
import dev.steward.activities.model.stream.PartialReply;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.CountedMessages;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.TokenUsage;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedTurn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code scripted} provider: a deterministic stand-in for a model, played from the agent
 * spec's {@code model.script}, for demos and tests without a key or a network.
 *
 * <ol>
 *   <li>The turn: the first scripted turn whose {@code match} occurs (ignoring case) in the latest
 *       user message, else the first turn without {@code match}; with neither, the reply is
 *       {@code echo: <message>}.
 *   <li>The step: the number of assistant messages since that user message, from 0. Past the last
 *       step, the model repeats the last step's reply if it was a plain reply, else says
 *       {@value #FINISHED}.
 *   <li>Templates in replies and in string arguments: {@code {{input}}} is the latest user
 *       message, {@code {{last_tool_result}}} the latest tool result (at most 2,000 characters).
 *   <li>Tool call ids are {@code call-<turn>-<step>-<n>}, from the request's turn and step and n
 *       from 1.
 *   <li>Usage is an estimate of about four characters per token, at least 1 each way. With
 *       {@code model.parameters.cached_tokens} set, that many input tokens (at most all of them) are
 *       reported as read from a prompt cache, as a real provider would on a repeated prompt prefix.
 *   <li>Streaming: the reply's text is reported in {@value #CHUNKS} pieces with a pause between
 *       them ({@code model.parameters.chunk_pause_ms}, default {@value #DEFAULT_CHUNK_PAUSE_MS} ms),
 *       so partial replies can be watched as with a real model. Calls that report nothing do not
 *       pause.
 * </ol>
 */
public final class ScriptedModel implements ModelProvider {

  public static final String NAME = "scripted";
  static final String FINISHED = "(script finished)";
  static final int MAX_TOOL_RESULT_CHARS = 2_000;
  /** How many pieces a streamed reply is cut into. */
  static final int CHUNKS = 3;
  /** The pause between pieces when the spec sets none: 50 ms. */
  static final long DEFAULT_CHUNK_PAUSE_MS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ModelResponse complete(ModelRequest request, PartialReply partial) {
    ModelResponse response = answer(request);
    if (partial != PartialReply.NONE) {
      stream(response.text(), pause(request), partial);
    }
    return response;
  }

  private static void stream(String text, long pauseMillis, PartialReply partial) {
    int size = Math.max(1, (text.length() + CHUNKS - 1) / CHUNKS);
    for (int from = 0; from < text.length() && !partial.stopped(); from += size) {
      // No pause asked is none taken: Thread.sleep(0) still yields the processor to whoever waits for it.
      if (from > 0 && pauseMillis > 0) {
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      partial.append(text.substring(from, Math.min(text.length(), from + size)));
    }
  }

  private static long pause(ModelRequest request) {
    Object value = request.model().parameters().get("chunk_pause_ms");
    return value instanceof Number n ? Math.max(0, n.longValue()) : DEFAULT_CHUNK_PAUSE_MS;
  }

  private ModelResponse answer(ModelRequest request) {
    List<ChatMessage> messages = request.messages() == null ? List.of() : request.messages();
    int lastUser = lastIndexOf(messages, ChatMessage.Role.USER);
    String input = lastUser < 0 ? "" : messages.get(lastUser).text();
    Templates templates = new Templates(input, lastToolResult(messages));

    ScriptedTurn turn = pickTurn(request.model().script(), input);
    if (turn == null) {
      return reply(request, "echo: " + input);
    }
    int stepIndex = countAfter(messages, lastUser, ChatMessage.Role.ASSISTANT);
    List<ScriptedStep> steps = turn.steps();
    if (stepIndex >= steps.size()) {
      ScriptedStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
      boolean lastWasReply = last != null && last.reply() != null && last.toolCalls().isEmpty();
      return reply(request, lastWasReply ? templates.apply(last.reply()) : FINISHED);
    }
    ScriptedStep step = steps.get(stepIndex);
    String text = step.reply() == null ? "" : templates.apply(step.reply());
    List<ToolCall> calls = new ArrayList<>();
    for (ScriptedStep.ScriptedToolCall call : step.toolCalls()) {
      if (call.tool() == null || call.tool().isBlank()) {
        throw ModelFailures.rejected("scripted: step " + (stepIndex + 1) + " of the turn matching '" + input
            + "' has a tool call without a tool name");
      }
      String id = "call-" + request.turn() + "-" + request.step() + "-" + (calls.size() + 1);
      calls.add(new ToolCall(id, call.tool(), toJson(templates.applyAll(call.arguments()))));
    }
    return new ModelResponse(text, calls, usage(request, text, calls));
  }

  private static ScriptedTurn pickTurn(List<ScriptedTurn> script, String input) {
    String haystack = input.toLowerCase(Locale.ROOT);
    for (ScriptedTurn turn : script) {
      if (turn.match() != null && haystack.contains(turn.match().toLowerCase(Locale.ROOT))) {
        return turn;
      }
    }
    return script.stream().filter(t -> t.match() == null).findFirst().orElse(null);
  }

  private static ModelResponse reply(ModelRequest request, String text) {
    return new ModelResponse(text, List.of(), usage(request, text, List.of()));
  }

  private static TokenUsage usage(ModelRequest request, String text, List<ToolCall> calls) {
    // A context handed over by the agent comes counted: no second pass over a long conversation.
    long inputChars = (request.instructions() == null ? 0 : request.instructions().length())
        + (request.messages() == null ? 0 : CountedMessages.charsOf(request.messages()));
    long outputChars = text.length();
    for (ToolCall c : calls) {
      outputChars += c.name().length() + c.arguments().length();
    }
    long input = Math.max(1, inputChars / 4);
    Object cached = request.model().parameters().get("cached_tokens");
    long cachedTokens = cached instanceof Number n ? Math.min(input, Math.max(0, n.longValue())) : 0;
    return new TokenUsage(input, Math.max(1, outputChars / 4), cachedTokens);
  }

  private static String lastToolResult(List<ChatMessage> messages) {
    int i = lastIndexOf(messages, ChatMessage.Role.TOOL);
    if (i < 0) {
      return "";
    }
    String text = messages.get(i).text();
    return text.length() <= MAX_TOOL_RESULT_CHARS ? text : text.substring(0, MAX_TOOL_RESULT_CHARS);
  }

  private static int lastIndexOf(List<ChatMessage> messages, ChatMessage.Role role) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == role) {
        return i;
      }
    }
    return -1;
  }

  private static int countAfter(List<ChatMessage> messages, int from, ChatMessage.Role role) {
    int count = 0;
    for (int i = from + 1; i < messages.size(); i++) {
      if (messages.get(i).role() == role) {
        count++;
      }
    }
    return count;
  }

  private static String toJson(Map<String, Object> arguments) {
    try {
      return JSON.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw ModelFailures.rejected("scripted: tool arguments in the script cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  /** Fills {@code {{input}}} and {@code {{last_tool_result}}}. */
  private record Templates(String input, String lastToolResult) {

    String apply(String text) {
      return text.replace("{{input}}", input).replace("{{last_tool_result}}", lastToolResult);
    }

    Map<String, Object> applyAll(Map<String, Object> arguments) {
      Map<String, Object> out = new LinkedHashMap<>();
      arguments.forEach((key, value) -> out.put(key, applyValue(value)));
      return out;
    }

    private Object applyValue(Object value) {
      if (value instanceof String s) {
        return apply(s);
      }
      if (value instanceof Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, applyValue(v)));
        return out;
      }
      if (value instanceof List<?> list) {
        return list.stream().map(this::applyValue).toList();
      }
      return value;
    }
  }
}
