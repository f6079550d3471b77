package dev.steward.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code POST /v1/responses} body into a {@link ResponseRequest}, refusing with OpenAI's 400
 * (naming the field) whatever Steward cannot honour, rather than ignoring it.
 */
final class ResponseRequestParser {

  /** Longest message text, as for the gRPC API: it travels in Temporal payloads. */
  static final int MAX_TEXT_CHARS = 64 * 1024;
  static final int MAX_METADATA_PAIRS = 16;
  static final int MAX_METADATA_KEY = 64;
  static final int MAX_METADATA_VALUE = 512;

  /** Fields that change nothing Steward does (routing hints, SDK conveniences), accepted and left unused. */
  private static final Set<String> HARMLESS = Set.of("user", "safety_identifier", "prompt_cache_key",
      "stream_options", "service_tier", "parallel_tool_calls", "truncation", "include");
  private static final Set<String> KNOWN = Set.of("model", "input", "instructions", "tools", "tool_choice",
      "metadata", "store", "stream", "background", "previous_response_id", "conversation", "text");

  private ResponseRequestParser() {}

  static ResponseRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new OpenAiException(400, OpenAiException.INVALID_REQUEST, null, null,
          "The request body must be a JSON object.");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KNOWN.contains(name) && !HARMLESS.contains(name) && !body.get(name).isNull()) {
        throw OpenAiException.invalid(name, "not supported by Steward: the agent spec named by 'model' sets it");
      }
    }
    String model = optionalString(body, "model");
    String instructions = optionalString(body, "instructions");
    String previous = optionalString(body, "previous_response_id");
    String conversation = conversation(body.get("conversation"));
    if (previous != null && conversation != null) {
      throw OpenAiException.invalid("conversation", "give either 'previous_response_id' or 'conversation', not both");
    }
    checkToolChoice(body.get("tool_choice"));
    checkTextFormat(body.get("text"));
    List<String> messages = new ArrayList<>();
    List<String> system = new ArrayList<>();
    List<ResponseRequest.Approval> approvals = new ArrayList<>();
    List<ResponseRequest.QuestionAnswer> answers = new ArrayList<>();
    readInput(body.get("input"), messages, system, approvals, answers);
    String text = messages.isEmpty() ? null : String.join("\n\n", messages);
    if (text != null && text.length() > MAX_TEXT_CHARS) {
      throw OpenAiException.invalid("input", "is " + text.length() + " characters long; at most " + MAX_TEXT_CHARS
          + " are allowed");
    }
    if (text != null && (!approvals.isEmpty() || !answers.isEmpty())) {
      throw OpenAiException.invalid("input", "send approvals and answers on their own, without a new message:"
          + " they resume the turn that waits for them");
    }
    if (text == null && approvals.isEmpty() && answers.isEmpty()) {
      throw OpenAiException.invalid("input", "required: a message (text or message items), or approvals/answers"
          + " for a turn that waits for them");
    }
    boolean store = optionalBoolean(body, "store", true);
    boolean background = optionalBoolean(body, "background", false);
    if (background && !store) {
      throw OpenAiException.invalid("background", "a background response must be stored: drop 'store: false'");
    }
    if (!store && (previous != null || conversation != null)) {
      throw OpenAiException.invalid("store", "a conversation is stored (its agent lives on): drop 'store: false'");
    }
    return new ResponseRequest(model, text, system.isEmpty() ? null : String.join("\n\n", system), approvals, answers,
        instructions, tools(body.get("tools")), metadata(body.get("metadata")), store,
        optionalBoolean(body, "stream", false), background, previous, conversation);
  }

  private static void readInput(JsonNode input, List<String> messages, List<String> system,
      List<ResponseRequest.Approval> approvals, List<ResponseRequest.QuestionAnswer> answers) {
    if (input == null || input.isNull()) {
      return;
    }
    if (input.isTextual()) {
      if (!input.asText().isBlank()) {
        messages.add(input.asText());
      }
      return;
    }
    if (!input.isArray()) {
      throw OpenAiException.invalid("input", "must be a string or an array of input items");
    }
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      String at = "input[" + i + "]";
      if (!item.isObject()) {
        throw OpenAiException.invalid(at, "must be an input item object");
      }
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      switch (type) {
        case "message" -> {
          String role = item.path("role").asText("");
          String content = content(item.get("content"), at + ".content");
          switch (role) {
            case "user" -> messages.add(content);
            case "system", "developer" -> system.add(content);
            case "assistant" -> throw OpenAiException.invalid(at + ".role", "the agent keeps its own replies: continue"
                + " with 'previous_response_id' or 'conversation' and send only the new user message");
            default -> throw OpenAiException.invalid(at + ".role", "must be user, system or developer");
          }
        }
        case "mcp_approval_response" -> {
          String id = requiredString(item, "approval_request_id", at + ".approval_request_id");
          if (!item.path("approve").isBoolean()) {
            throw OpenAiException.invalid(at + ".approve", "required: true or false");
          }
          String reason = item.path("reason").isTextual() ? item.get("reason").asText() : null;
          approvals.add(new ResponseRequest.Approval(id, item.get("approve").asBoolean(), reason));
        }
        case "function_call_output" -> {
          String callId = requiredString(item, "call_id", at + ".call_id");
          JsonNode output = item.get("output");
          String text = output != null && output.isTextual() ? output.asText() : content(output, at + ".output");
          if (text.isBlank()) {
            throw OpenAiException.invalid(at + ".output", "required: the answer");
          }
          answers.add(new ResponseRequest.QuestionAnswer(callId, text));
        }
        default -> throw OpenAiException.invalid(at + ".type", "'" + type + "' is not supported: use message,"
            + " mcp_approval_response or function_call_output items");
      }
    }
  }

  /** A message's content: a string, or input_text parts joined. */
  private static String content(JsonNode content, String at) {
    if (content != null && content.isTextual()) {
      return content.asText();
    }
    if (content == null || !content.isArray()) {
      throw OpenAiException.invalid(at, "must be a string or an array of input_text parts");
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = part.path("type").asText("");
      if (!type.equals("input_text") && !type.equals("output_text")) {
        throw OpenAiException.invalid(at + "[" + i + "].type", "'" + type + "' is not supported: Steward agents take"
            + " text (input_text)");
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(part.path("text").asText(""));
    }
    return text.toString();
  }

  private static List<String> tools(JsonNode tools) {
    if (tools == null || tools.isNull()) {
      return null;
    }
    if (!tools.isArray()) {
      throw OpenAiException.invalid("tools", "must be an array of tools");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String type = tool.path("type").asText("");
      if (type.equals("function")) {
        names.add(requiredString(tool, "name", "tools[" + i + "].name"));
      } else if (type.equals("mcp")) {
        // An MCP server of the spec, by its name: all its tools.
        names.add(requiredString(tool, "server_label", "tools[" + i + "].server_label") + ".*");
      } else {
        throw OpenAiException.invalid("tools[" + i + "].type", "'" + type + "' is not supported: list the spec's"
            + " tools as function tools by name, or its MCP servers as mcp tools by server_label");
      }
    }
    return names;
  }

  private static Map<String, String> metadata(JsonNode metadata) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (metadata == null || metadata.isNull()) {
      return pairs;
    }
    if (!metadata.isObject()) {
      throw OpenAiException.invalid("metadata", "must be an object of string values");
    }
    if (metadata.size() > MAX_METADATA_PAIRS) {
      throw OpenAiException.invalid("metadata", "at most " + MAX_METADATA_PAIRS + " pairs are allowed");
    }
    metadata.fields().forEachRemaining(e -> {
      if (e.getKey().length() > MAX_METADATA_KEY) {
        throw OpenAiException.invalid("metadata", "keys are at most " + MAX_METADATA_KEY + " characters long");
      }
      if (!e.getValue().isTextual() || e.getValue().asText().length() > MAX_METADATA_VALUE) {
        throw OpenAiException.invalid("metadata." + e.getKey(), "must be a string of at most " + MAX_METADATA_VALUE
            + " characters");
      }
      pairs.put(e.getKey(), e.getValue().asText());
    });
    return pairs;
  }

  private static String conversation(JsonNode conversation) {
    if (conversation == null || conversation.isNull()) {
      return null;
    }
    if (conversation.isTextual()) {
      return conversation.asText();
    }
    if (conversation.isObject() && conversation.path("id").isTextual()) {
      return conversation.get("id").asText();
    }
    throw OpenAiException.invalid("conversation", "must be a conversation id or an object with an id");
  }

  private static void checkToolChoice(JsonNode choice) {
    if (choice != null && !choice.isNull() && !(choice.isTextual() && choice.asText().equals("auto"))) {
      throw OpenAiException.invalid("tool_choice", "only 'auto' is supported: the agent picks its tools");
    }
  }

  private static void checkTextFormat(JsonNode text) {
    if (text == null || text.isNull()) {
      return;
    }
    JsonNode format = text.path("format");
    if (!format.isMissingNode() && !format.isNull() && !format.path("type").asText("").equals("text")) {
      throw OpenAiException.invalid("text.format", "only plain text replies are supported");
    }
  }

  private static String optionalString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw OpenAiException.invalid(field, "must be a string");
    }
    return value.asText();
  }

  private static boolean optionalBoolean(JsonNode body, String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw OpenAiException.invalid(field, "must be true or false");
    }
    return value.asBoolean();
  }

  private static String requiredString(JsonNode node, String field, String param) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw OpenAiException.invalid(param, "required: a string");
    }
    return value.asText();
  }
}
