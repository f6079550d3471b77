package dev.steward.activities.model.anthropic;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request bodies the {@code anthropic} provider sends, recorded by a local server speaking the
 * Messages API, read strictly by the official Anthropic Java SDK's {@code MessageCreateParams.Body}
 * (3.16.0, generated from Anthropic's OpenAPI specification; see {@link AnthropicPublishedTypes}):
 * a plain streamed request, one with tools and tool results (a failed one with
 * {@code is_error: true}), and one with structured output asked for through {@code parameters}.
 */
class AnthropicRequestSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ISSUE_TOOL = "github.create_issue";
  private static final String ISSUE_SCHEMA = """
      {"type":"object","properties":{"title":{"type":"string"}},"required":["title"],"additionalProperties":false}""";

  private final MockWebServer server = new MockWebServer();
  private ModelActivities activities;

  @BeforeEach
  void start() throws Exception {
    server.start();
    ToolCatalog catalog =
        ToolCatalog.builtins().with(List.of(new ToolDefinition(ISSUE_TOOL, "Open a GitHub issue.", ISSUE_SCHEMA)));
    activities = new ModelActivitiesImpl(
        Map.of("ANTHROPIC_API_KEY", "test-key", NetworkPolicy.ALLOW_PRIVATE_VARIABLE, "true")::get, catalog);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPlainStreamedRequestIsAValidMessagesRequest() throws Exception {
    server.enqueue(AnthropicWire.reply("Hello there", 5, 2));

    String body = send(spec(256, Map.of()), List.of(ChatMessage.user("Hi")), List.of());

    assertThat(AnthropicPublishedTypes.problems(body)).as(body).isEmpty();
    JsonNode tree = JSON.readTree(body);
    assertThat(tree.path("stream").asBoolean()).isTrue();
    assertThat(tree.path("max_tokens").asInt()).isEqualTo(256);
  }

  @Test
  void aRequestWithToolsAndAFailedToolResultIsAValidMessagesRequest() throws Exception {
    server.enqueue(AnthropicWire.reply("Done", 5, 2));
    List<ChatMessage> history = List.of(
        ChatMessage.user("Open an issue about example.org"),
        ChatMessage.assistant("Checking first.", List.of(
            new ToolCall("toolu_1", "http_get", "{\"url\":\"https://example.org\"}"),
            new ToolCall("toolu_2", ISSUE_TOOL, "{\"title\":\"Broken\"}"))),
        ChatMessage.toolResult(new ToolCall("toolu_1", "http_get", "{}"), "200 OK"),
        ChatMessage.toolResult(new ToolCall("toolu_2", ISSUE_TOOL, "{}"), "label 'x' does not exist", true));

    String body = send(spec(null, Map.of()), history,
        List.of(ToolSpec.of("http_get"), ToolSpec.of(ISSUE_TOOL), ToolSpec.of("current_time")));

    assertThat(AnthropicPublishedTypes.problems(body)).as(body).isEmpty();
    JsonNode tree = JSON.readTree(body);
    assertThat(tree.path("tools").findValuesAsText("name"))
        .containsExactly("http_get", WireToolNames.wireName(ISSUE_TOOL), "current_time");
    assertThat(tree.path("max_tokens").asInt()).as("required by the API: the default").isEqualTo(4096);
    List<JsonNode> results = tree.findParents("tool_use_id").stream()
        .filter(b -> b.path("type").asText().equals("tool_result")).toList();
    assertThat(results).hasSize(2);
    assertThat(results.get(0).has("is_error")).as("a success is not marked").isFalse();
    assertThat(results.get(1).path("is_error").isBoolean()).isTrue();
    assertThat(results.get(1).path("is_error").asBoolean()).isTrue();
  }

  @Test
  void aStructuredOutputRequestIsAValidMessagesRequest() throws Exception {
    server.enqueue(AnthropicWire.reply("ok", 5, 2));
    Map<String, Object> outputConfig = Map.of("format", Map.of("type", "json_schema", "schema", Map.of(
        "type", "object", "properties", Map.of("city", Map.of("type", "string")),
        "required", List.of("city"), "additionalProperties", false)));

    String body = send(spec(100, Map.of("output_config", outputConfig)), List.of(ChatMessage.user("Where?")), List.of());

    assertThat(AnthropicPublishedTypes.problems(body)).as(body).isEmpty();
    assertThat(JSON.readTree(body).path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
  }

  @Test
  void theStrictReadingHasTeeth() {
    assertThat(AnthropicPublishedTypes.problems("""
        {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""")).as("max_tokens missing")
        .isNotEmpty();
    assertThat(AnthropicPublishedTypes.problems("""
        {"model":"claude-sonnet-4-5","max_tokens":5,"max_token":5,"messages":[{"role":"user","content":"Hi"}]}"""))
        .anyMatch(p -> p.contains("max_token:"));
    assertThat(AnthropicPublishedTypes.problems("""
        {"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[
          {"type":"tool_result","tool_use_id":"t1","content":"x","is_eror":true}]}]}"""))
        .anyMatch(p -> p.contains("is_eror"));
    assertThat(AnthropicPublishedTypes.problems("""
        {"model":"claude-sonnet-4-5","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""))
        .isEmpty();
  }

  /**
   * {@code temperature} (and {@code top_p}, {@code top_k}) are not in the SDK 3.16.0's request
   * type: Anthropic's current specification no longer lists sampling parameters. The provider sends
   * {@code temperature} only when the agent file sets one, so a spec without it sends none.
   */
  @Test
  void temperatureIsSentOnlyWhenTheSpecSetsOne() throws Exception {
    server.enqueue(AnthropicWire.reply("ok", 5, 2));
    server.enqueue(AnthropicWire.reply("ok", 5, 2));

    String without = send(spec(100, Map.of()), List.of(ChatMessage.user("Hi")), List.of());
    String with = send(new ModelSpec("anthropic", "claude-sonnet-4-5", server.url("/v1").toString(), "ANTHROPIC_API_KEY",
        0.3, 100, 30, Map.of(), null), List.of(ChatMessage.user("Hi")), List.of());

    assertThat(JSON.readTree(without).has("temperature")).isFalse();
    assertThat(AnthropicPublishedTypes.problems(with)).containsExactly("$.temperature: not a field of MessageCreateParams.Body");
  }

  private String send(ModelSpec spec, List<ChatMessage> messages, List<ToolSpec> tools) throws Exception {
    activities.complete(new ModelRequest("agent-1", 1, 1, spec, "You are terse.", messages, tools));
    return server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
  }

  private ModelSpec spec(Integer maxTokens, Map<String, Object> parameters) {
    return new ModelSpec("anthropic", "claude-sonnet-4-5", server.url("/v1").toString(), "ANTHROPIC_API_KEY", null,
        maxTokens, 30, parameters, null);
  }
}
