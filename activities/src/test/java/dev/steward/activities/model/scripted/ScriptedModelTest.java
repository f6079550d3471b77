package dev.steward.activities.model.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ToolCall;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedStep.ScriptedToolCall;
import dev.steward.workflows.spec.ScriptedTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptedModelTest {

  private static final List<ScriptedTurn> SCRIPT = List.of(
      new ScriptedTurn("weather", List.of(
          new ScriptedStep(null, List.of(
              new ScriptedToolCall("http_get", Map.of("url", "https://wttr.in/?q={{input}}")),
              new ScriptedToolCall("current_time", Map.of()))),
          new ScriptedStep("You asked: {{input}}. The service said: {{last_tool_result}}", List.of()))),
      new ScriptedTurn("NAP", List.of(
          new ScriptedStep(null, List.of(new ScriptedToolCall("sleep", Map.of("duration", "1h")))))),
      new ScriptedTurn(null, List.of(new ScriptedStep("I only know about the weather.", List.of()))));

  private final ScriptedModel model = new ScriptedModel();

  @Test
  void firstStepOfTheMatchingTurnCallsToolsWithNumberedIds() {
    ModelResponse response = model.complete(request(4, 1, List.of(ChatMessage.user("What's the Weather in Paris?"))));

    assertThat(response.text()).isEmpty();
    assertThat(response.toolCalls()).containsExactly(
        new ToolCall("call-4-1-1", "http_get", "{\"url\":\"https://wttr.in/?q=What's the Weather in Paris?\"}"),
        new ToolCall("call-4-1-2", "current_time", "{}"));
    assertThat(response.usage().inputTokens()).isPositive();
    assertThat(response.usage().outputTokens()).isPositive();
  }

  @Test
  void nextStepIsCountedFromAssistantMessagesAndFillsTemplates() {
    List<ChatMessage> messages = new ArrayList<>(List.of(
        ChatMessage.user("old question"),
        ChatMessage.assistant("old answer", List.of()),
        ChatMessage.user("weather please")));
    ToolCall call = new ToolCall("call-2-1-1", "http_get", "{}");
    messages.add(ChatMessage.assistant("", List.of(call)));
    messages.add(ChatMessage.toolResult(call, "x".repeat(3_000)));

    ModelResponse response = model.complete(request(2, 2, messages));

    assertThat(response.isFinalReply()).isTrue();
    assertThat(response.text()).isEqualTo("You asked: weather please. The service said: " + "x".repeat(2_000));
  }

  @Test
  void pastTheLastStepRepeatsTheLastReply() {
    List<ChatMessage> messages = List.of(
        ChatMessage.user("weather"),
        ChatMessage.assistant("", List.of(new ToolCall("a", "http_get", "{}"))),
        ChatMessage.toolResult(new ToolCall("a", "http_get", "{}"), "sunny"),
        ChatMessage.assistant("You asked: weather. The service said: sunny", List.of()));

    assertThat(model.complete(request(1, 3, messages)).text()).isEqualTo("You asked: weather. The service said: sunny");
  }

  @Test
  void pastAToolStepTheScriptIsFinished() {
    List<ChatMessage> messages = List.of(
        ChatMessage.user("take a nap"),
        ChatMessage.assistant("", List.of(new ToolCall("a", "sleep", "{}"))),
        ChatMessage.toolResult(new ToolCall("a", "sleep", "{}"), "slept"));

    ModelResponse response = model.complete(request(1, 2, messages));

    assertThat(response.text()).isEqualTo(ScriptedModel.FINISHED);
    assertThat(response.toolCalls()).isEmpty();
  }

  @Test
  void matchIgnoresCaseAndFallsBackToTheTurnWithoutMatch() {
    assertThat(model.complete(request(1, 1, List.of(ChatMessage.user("time for a nap")))).toolCalls())
        .extracting(ToolCall::name).containsExactly("sleep");
    assertThat(model.complete(request(1, 1, List.of(ChatMessage.user("hello")))).text())
        .isEqualTo("I only know about the weather.");
  }

  @Test
  void withoutAMatchingTurnItEchoes() {
    ModelSpec spec = new ModelSpec("scripted", null, null, null, null, null, null, null, List.of(
        new ScriptedTurn("only this", List.of(new ScriptedStep("matched", List.of())))));
    ModelRequest request = new ModelRequest("a", 1, 1, spec, "", List.of(ChatMessage.user("something else")), List.of());

    assertThat(model.complete(request).text()).isEqualTo("echo: something else");
  }

  @Test
  void cachedTokensParameterReportsPromptCacheHitsUpToTheInput() {
    ModelSpec some = new ModelSpec("scripted", null, null, null, null, null, null, Map.of("cached_tokens", 3), null);
    ModelSpec more = new ModelSpec("scripted", null, null, null, null, null, null, Map.of("cached_tokens", 10_000), null);
    List<ChatMessage> messages = List.of(ChatMessage.user("a question long enough for a few tokens"));

    ModelResponse withSome = model.complete(new ModelRequest("a", 1, 1, some, "", messages, List.of()));
    ModelResponse withMore = model.complete(new ModelRequest("a", 1, 1, more, "", messages, List.of()));
    ModelResponse without = model.complete(request(1, 1, messages));

    assertThat(withSome.usage().cachedInputTokens()).isEqualTo(3);
    assertThat(withMore.usage().cachedInputTokens()).isEqualTo(withMore.usage().inputTokens());
    assertThat(without.usage().cachedInputTokens()).isZero();
  }

  @Test
  void sameRequestSameAnswer() {
    ModelRequest request = request(7, 1, List.of(ChatMessage.user("weather in Oslo")));

    assertThat(model.complete(request)).isEqualTo(model.complete(request));
  }

  private static ModelRequest request(int turn, int step, List<ChatMessage> messages) {
    ModelSpec spec = new ModelSpec("scripted", "demo", null, null, null, null, null, null, SCRIPT);
    return new ModelRequest("agent-1", turn, step, spec, "Be helpful.", messages, List.of());
  }
}
