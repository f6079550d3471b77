package dev.steward.workflows.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronTest {

  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void weekdayMorningsInAZone() {
    Cron cron = Cron.parse("0 9 * * MON-FRI");
    // Friday 2026-11-27 10:00 Paris → next is Monday 09:00 Paris (08:00 UTC).
    Instant friday = Instant.parse("2026-11-27T09:00:00Z");
    assertThat(cron.next(friday, ZoneId.of("Europe/Paris"))).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
  }

  @Test
  void stepsListsAndRanges() {
    assertThat(Cron.parse("*/15 * * * *").next(Instant.parse("2026-01-01T10:07:30Z"), UTC))
        .isEqualTo(Instant.parse("2026-01-01T10:15:00Z"));
    assertThat(Cron.parse("5,35 8-9 * * *").next(Instant.parse("2026-01-01T09:35:00Z"), UTC))
        .isEqualTo(Instant.parse("2026-01-02T08:05:00Z"));
    assertThat(Cron.parse("0 0 29 FEB *").next(Instant.parse("2026-03-01T00:00:00Z"), UTC))
        .isEqualTo(Instant.parse("2028-02-29T00:00:00Z"));
  }

  @Test
  void bothDayFieldsMatchEither() {
    // The 1st of the month or any Sunday: Sunday 2026-11-29 comes before 1 December.
    assertThat(Cron.parse("0 12 1 * SUN").next(Instant.parse("2026-11-26T00:00:00Z"), UTC))
        .isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
  }

  @Test
  void aSkippedLocalTimeMovesForward() {
    // 02:30 does not exist in Paris on 2026-03-29 (clocks go 02:00 → 03:00).
    assertThat(Cron.parse("30 2 29 MAR *").next(Instant.parse("2026-03-28T00:00:00Z"), ZoneId.of("Europe/Paris")))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void sevenIsSundayInRangesToo() {
    // Friday 2026-11-27 → the next of FRI-SUN written 5-7 after Friday noon is Saturday.
    assertThat(Cron.parse("0 9 * * 5-7").next(Instant.parse("2026-11-27T12:00:00Z"), UTC))
        .isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(Cron.parse("0 9 * * 7").next(Instant.parse("2026-11-27T12:00:00Z"), UTC))
        .isEqualTo(Instant.parse("2026-11-29T09:00:00Z"));
  }

  @Test
  void badExpressionsSayWhatIsWrong() {
    assertThatThrownBy(() -> Cron.parse("0 9 * *")).hasMessageContaining("needs five fields");
    assertThatThrownBy(() -> Cron.parse("0 25 * * *")).hasMessage("cron hour '25': value 25 not in range [0, 23]");
    assertThatThrownBy(() -> Cron.parse("0 9 * * FUN")).hasMessageContaining("day of week 'FUN'");
  }

  // The cases below pin what cron-utils parses to: a library update that changed them would move
  // the timers of running agents, which compute their next firing in workflow code.

  @Test
  void dayNamesAreClassicCronNumbers() {
    Cron week = Cron.parse("0 0 * * SUN-SAT");
    assertThat(week.calendars()).singleElement().extracting(Cron.Calendar::daysOfWeek)
        .isEqualTo(java.util.List.of(0, 1, 2, 3, 4, 5, 6));
    assertThat(Cron.parse("0 9 * * mon,wed,fri").calendars().get(0).daysOfWeek()).containsExactly(1, 3, 5);
    // SUN is 0, so FRI-SUN runs backwards, as it always did here (write FRI-SAT,SUN or 5-7).
    assertThatThrownBy(() -> Cron.parse("0 0 * * FRI-SUN")).hasMessageContaining("day of week 'FRI-SUN'");
  }

  @Test
  void questionMarkIsAnyDay() {
    assertThat(Cron.parse("0 9 ? * 1").calendars()).isEqualTo(Cron.parse("0 9 * * 1").calendars());
    assertThat(Cron.parse("0 9 1 * ?").calendars()).isEqualTo(Cron.parse("0 9 1 * *").calendars());
  }

  @Test
  void stepsStartWhereTheyAreWritten() {
    Cron.Calendar c = Cron.parse("10/20 9-17/4 1-31/10 */5 *").calendars().get(0);
    assertThat(c.minutes()).containsExactly(10, 30, 50);
    assertThat(c.hours()).containsExactly(9, 13, 17);
    assertThat(c.daysOfMonth()).containsExactly(1, 11, 21, 31);
    assertThat(c.months()).containsExactly(1, 6, 11);
  }

  @Test
  void whatFiveFieldCronDoesNotHaveIsRefused() {
    for (String text : new String[] {"0 9 L * *", "0 9 15W * *", "0 9 * * 5L", "0 9 * * 1#2", "0 0 */0 * *"}) {
      assertThatThrownBy(() -> Cron.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("cron ");
    }
  }
}
