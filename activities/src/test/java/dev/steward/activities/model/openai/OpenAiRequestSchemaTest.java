package dev.steward.activities.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.model.ModelActivitiesImpl;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.network.NetworkPolicy;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelActivities;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ToolSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request bodies the {@code openai} provider sends, recorded by a local server speaking Chat
 * Completions, validated against {@code CreateChatCompletionRequest} of OpenAI's published OpenAPI
 * document with networknt's JSON Schema 2020-12 validator: a plain streamed request, one with
 * tools and tool results in its history, one asking for structured output, and one for a
 * compatible server that wants the old {@code max_tokens}. Every top-level field must also be one
 * the document declares.
 */
class OpenAiRequestSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUE_TOOL = "github.create_issue";
  private static final String ISSUE_SCHEMA = """
      {"type":"object","properties":{"title":{"type":"string"},"labels":{"type":"array","items":{"type":"string"}}},\
      "required":["title"],"additionalProperties":false}""";
  private static OpenAiPublishedSchema schema;

  private final MockWebServer server = new MockWebServer();
  private ModelActivities activities;

  @BeforeAll
  static void loadSchema() {
    schema = OpenAiPublishedSchema.of("CreateChatCompletionRequest");
  }

  @BeforeEach
  void start() throws Exception {
    server.start();
    ToolCatalog catalog =
        ToolCatalog.builtins().with(List.of(new ToolDefinition(ISSUE_TOOL, "Open a GitHub issue.", ISSUE_SCHEMA)));
    activities = new ModelActivitiesImpl(
        Map.of("OPENAI_API_KEY", "sk-test-123", NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get, catalog);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPlainStreamedRequestMatchesThePublishedSchema() throws Exception {
    server.enqueue(OpenAiWire.reply("Hello there", 5, 2));

    JsonNode body = send(spec(0.2, 256, null, Map.of()), List.of(ChatMessage.user("Hi")), List.of());

    assertValid(body);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void aRequestWithToolsAndToolResultsMatchesThePublishedSchema() throws Exception {
    server.enqueue(OpenAiWire.reply("Done", 5, 2));
    List<ChatMessage> history = List.of(
        ChatMessage.user("Open an issue about example.org"),
        ChatMessage.assistant("Checking first.", List.of(
            new ToolCall("call_1", "http_get", "{\"url\":\"https://example.org\"}"),
            new ToolCall("call_2", ISSUE_TOOL, "{\"title\":\"Broken\"}"))),
        ChatMessage.toolResult(new ToolCall("call_1", "http_get", "{}"), "200 OK"),
        ChatMessage.toolResult(new ToolCall("call_2", ISSUE_TOOL, "{}"), "label 'x' does not exist", true));

    JsonNode body = send(spec(null, 512, null, Map.of()), history,
        List.of(ToolSpec.of("http_get"), ToolSpec.of(ISSUE_TOOL), ToolSpec.of("current_time")));

    assertValid(body);
    assertThat(body.path("tools").findValuesAsText("name"))
        .containsExactly("http_get", WireToolNames.wireName(ISSUE_TOOL), "current_time");
    assertThat(body.path("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant", "tool",
        "tool");
  }

  @Test
  void aStructuredOutputRequestMatchesThePublishedSchema() throws Exception {
    server.enqueue(OpenAiWire.reply("{\\\"city\\\":\\\"Lisbon\\\"}", 5, 2));
    Map<String, Object> responseFormat = Map.of("type", "json_schema", "json_schema", Map.of(
        "name", "city", "strict", true,
        "schema", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
            "required", List.of("city"), "additionalProperties", false)));

    JsonNode body = send(spec(0.0, 100, null, Map.of("response_format", responseFormat, "seed", 7)),
        List.of(ChatMessage.user("Where?")), List.of());

    assertValid(body);
    assertThat(body.path("response_format").path("json_schema").path("name").asText()).isEqualTo("city");
  }

  @Test
  void theOldMaxTokensFieldForCompatibleServersIsStillInTheSchema() throws Exception {
    server.enqueue(OpenAiWire.reply("ok", 1, 1));

    JsonNode body = send(spec(null, 300, ModelSpec.MAX_TOKENS, Map.of()), List.of(ChatMessage.user("Hi")), List.of());

    assertValid(body);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.has("max_completion_tokens")).isFalse();
  }

  @Test
  void theValidatorHasTeeth() throws Exception {
    JsonNode badTokens = JSON.readTree("""
        {"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":"many"}""");
    // Deep in the document: a message's role, through ChatCompletionRequestMessage's oneOf.
    JsonNode badRole = JSON.readTree("""
        {"model":"gpt-4.1","messages":[{"role":"robot","content":"Hi"}]}""");
    JsonNode badToolResult = JSON.readTree("""
        {"model":"gpt-4.1","messages":[{"role":"tool","content":"Hi"}]}""");
    JsonNode good = JSON.readTree("""
        {"model":"gpt-4.1","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":5}""");

    assertThat(schema.violations(badTokens)).anyMatch(v -> v.contains("max_completion_tokens"));
    assertThat(schema.violations(badRole)).isNotEmpty();
    assertThat(schema.violations(badToolResult)).as("tool_call_id is required").isNotEmpty();
    assertThat(schema.violations(good)).isEmpty();
    assertThat(schema.declaredFields()).contains("messages", "model", "max_completion_tokens", "max_tokens", "tools",
        "response_format", "stream_options").doesNotContain("max_len");
  }

  private JsonNode send(ModelSpec spec, List<ChatMessage> messages, List<ToolSpec> tools) throws Exception {
    activities.complete(new ModelRequest("agent-1", 1, 1, spec, "You are terse.", messages, tools));
    return JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
  }

  private ModelSpec spec(Double temperature, Integer maxTokens, String maxTokensField, Map<String, Object> parameters) {
    return new ModelSpec("openai", "gpt-4.1", server.url("/v1").toString(), "OPENAI_API_KEY", temperature, maxTokens,
        30, parameters, null, null, maxTokensField);
  }

  private static void assertValid(JsonNode body) {
    assertThat(schema.violations(body)).as(body.toString()).isEmpty();
    assertThat(schema.declaredFields()).as("fields the document declares").containsAll(() -> body.fieldNames());
  }
}
