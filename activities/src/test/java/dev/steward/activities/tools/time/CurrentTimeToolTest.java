package dev.steward.activities.tools.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrentTimeToolTest {

  private static final Instant NOW = Instant.parse("2026-03-01T08:30:00Z");
  private final ToolActivitiesImpl tools =
      new ToolActivitiesImpl(List.of(new CurrentTimeTool(Clock.fixed(NOW, ZoneOffset.UTC))));

  @Test
  void tellsTheTimeInAZone() throws Exception {
    JsonNode out = run("{\"timezone\":\"Europe/Paris\"}");

    assertThat(out.path("time").asText()).isEqualTo("2026-03-01T09:30:00+01:00");
    assertThat(out.path("zone").asText()).isEqualTo("Europe/Paris");
    assertThat(out.path("epoch_seconds").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(out.path("weekday").asText()).isEqualTo("Sunday");
  }

  @Test
  void defaultsToUtc() throws Exception {
    JsonNode out = run("{}");

    assertThat(out.path("time").asText()).isEqualTo("2026-03-01T08:30:00Z");
    assertThat(out.path("zone").asText()).isEqualTo("UTC");
  }

  @Test
  void unknownZoneIsAnErrorResult() {
    ToolResult result = tools.invoke(call("{\"timezone\":\"Mars/Olympus_Mons\"}"));

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("unknown time zone 'Mars/Olympus_Mons'", "IANA");
  }

  private JsonNode run(String arguments) throws Exception {
    ToolResult result = tools.invoke(call(arguments));
    assertThat(result.error()).as(result.content()).isFalse();
    return new ObjectMapper().readTree(result.content());
  }

  private static ToolInvocation call(String arguments) {
    return new ToolInvocation("agent-1", "call-1", "current_time", arguments, Map.of());
  }
}
