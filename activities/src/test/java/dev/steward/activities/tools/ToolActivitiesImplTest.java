package dev.steward.activities.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolActivitiesImplTest {

  private final ToolActivitiesImpl tools = new ToolActivitiesImpl();

  @Test
  void missingRequiredArgumentIsAnErrorResult() {
    ToolResult result = tools.invoke(call("http_get", "{}"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).isEqualTo("invalid arguments for http_get: $: required property 'url' not found");
  }

  @Test
  void wrongTypeAndExtraArgumentsAreNamed() {
    ToolResult result = tools.invoke(call("http_get", "{\"url\": 42, \"method\": \"POST\"}"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).startsWith("invalid arguments for http_get: ").contains("$.url", "method");
  }

  @Test
  void malformedJsonIsAnErrorResult() {
    ToolResult result = tools.invoke(call("current_time", "{\"timezone\": \"Europe/Paris\""));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).startsWith("invalid arguments for current_time: not valid JSON");
  }

  @Test
  void unknownToolIsAnErrorResult() {
    ToolResult result = tools.invoke(call("launch_rocket", "{}"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("unknown tool 'launch_rocket'", "http_get", "current_time");
  }

  @Test
  void unknownToolsAndBadArgumentsAreNamedAsTheModelKnowsThem() {
    String wire = dev.steward.workflows.tools.ModelToolNames.of("github.create_issue");

    assertThat(tools.invoke(call("github.create_issue", "{}")).content())
        .startsWith("unknown tool '" + wire + "'").doesNotContain("github.create_issue");
  }

  @Test
  void sleepIsExplainedRatherThanRun() {
    assertThat(tools.invoke(call("sleep", "{\"duration\":\"1h\"}")).content()).contains("workflow");
  }

  @Test
  void blankArgumentsCountAsAnEmptyObject() {
    assertThat(tools.invoke(call("current_time", "")).error()).isFalse();
  }

  @Test
  void aToolThatBreaksGivesAnErrorResult() {
    Tool broken = new Tool() {
      @Override
      public ToolDefinition definition() {
        return new ToolDefinition("broken", "Always fails.", null);
      }

      @Override
      public ToolResult run(com.fasterxml.jackson.databind.JsonNode arguments, ToolInvocation invocation) {
        throw new IllegalStateException("disk on fire");
      }
    };

    ToolResult result = new ToolActivitiesImpl(java.util.List.of(broken)).invoke(call("broken", "{}"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("broken failed", "disk on fire");
  }

  private static ToolInvocation call(String tool, String arguments) {
    return new ToolInvocation("agent-1", "call-1-1-1", tool, arguments, Map.of());
  }
}
