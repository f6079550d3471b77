package dev.steward.activities.tools.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.activities.tools.ToolActivitiesImpl;
import dev.steward.workflows.tools.ToolInvocation;
import dev.steward.workflows.tools.ToolResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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

  @Test
  void writesWhatJacksonAndTheIsoFormatterWroteBefore() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Random random = new Random(15);
    List<String> zones = List.of("UTC", "Europe/Paris", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham",
        "Africa/Monrovia", "+05:30", "Etc/GMT-14", "America/New_York");
    for (int i = 0; i < 5_000; i++) {
      long seconds = random.nextLong(-2_000_000_000L, 253_402_300_799L);
      int nanos = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant now = Instant.ofEpochSecond(seconds, nanos);
      String zone = zones.get(random.nextInt(zones.size()));
      ZonedDateTime then = ZonedDateTime.now(Clock.fixed(now, ZoneOffset.UTC).withZone(ZoneId.of(zone)));
      ObjectNode expected = json.createObjectNode();
      expected.put("time", then.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      expected.put("zone", ZoneId.of(zone).getId());
      expected.put("epoch_seconds", then.toEpochSecond());
      expected.put("weekday", then.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));

      ToolResult result = new CurrentTimeTool(Clock.fixed(now, ZoneOffset.UTC))
          .run(json.readTree("{\"timezone\":\"" + zone + "\"}"), call("{}"));

      assertThat(result.content()).isEqualTo(expected.toString());
    }
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
