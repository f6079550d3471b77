package dev.steward.workflows.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) with {@code *}, lists,
 * ranges, steps and English names ({@code MON}, {@code JAN}). As in classic cron, when both day
 * fields are restricted a day matches either. Pure computation: safe in workflow code.
 *
 * <p>Parsing is cron-utils' ({@link CronFields}); the fire times and calendars are computed here
 * from the parsed values, so that a cron-utils update cannot move a running agent's timers.
 */
public final class Cron {

  /** Far enough for any honest expression (e.g. 29 February plus a weekday). */
  private static final int MAX_DAYS_AHEAD = 366 * 8;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private Cron(String text, String[] f) {
    this.text = text;
    BitSet[] values = CronFields.parse(f);
    minutes = values[0];
    hours = values[1];
    daysOfMonth = values[2];
    months = values[3];
    daysOfWeek = values[4];
    anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
    anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
  }

  /** Parses; throws {@link IllegalArgumentException} naming the bad field. */
  public static Cron parse(String text) {
    String[] f = text == null ? new String[0] : text.trim().toUpperCase(Locale.ROOT).split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("cron '" + text + "' needs five fields: minute hour day-of-month month "
          + "day-of-week, e.g. '0 9 * * MON-FRI'");
    }
    return new Cron(text, f);
  }

  /** The first matching minute strictly after {@code after}, in {@code zone}. */
  public Instant next(Instant after, ZoneId zone) {
    ZonedDateTime start = after.atZone(zone).plusMinutes(1).withSecond(0).withNano(0);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          // A local time in a DST gap moves forward to a real instant, as ZonedDateTime.of does.
          ZonedDateTime t = ZonedDateTime.of(day, LocalTime.of(h, m), zone);
          if (t.isAfter(start) || t.isEqual(start)) {
            return t.toInstant();
          }
        }
      }
    }
    throw new IllegalArgumentException("cron '" + text + "' never fires");
  }

  /**
   * The expression as calendars, each matching when every field matches, for servers that
   * schedule that way (Temporal). Cron ORs its two day fields when both are restricted, so that
   * case is two calendars: one per day field, the other day field left open.
   */
  public List<Calendar> calendars() {
    BitSet weekdays = (BitSet) daysOfWeek.clone();
    weekdays.clear(7);
    BitSet anyDayOfMonthBits = new BitSet();
    anyDayOfMonthBits.set(1, 32);
    BitSet anyWeekday = new BitSet();
    anyWeekday.set(0, 7);
    if (!anyDayOfMonth && !anyDayOfWeek) {
      return List.of(calendar(daysOfMonth, anyWeekday), calendar(anyDayOfMonthBits, weekdays));
    }
    return List.of(calendar(daysOfMonth, weekdays));
  }

  private Calendar calendar(BitSet dom, BitSet dow) {
    return new Calendar(values(minutes), values(hours), values(dom), values(months), values(dow));
  }

  private static List<Integer> values(BitSet bits) {
    return bits.stream().boxed().toList();
  }

  /**
   * One calendar: the values each field takes. Day of week counts Sunday as 0.
   */
  public record Calendar(List<Integer> minutes, List<Integer> hours, List<Integer> daysOfMonth, List<Integer> months,
      List<Integer> daysOfWeek) {}

  private boolean dayMatches(LocalDate day) {
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (anyDayOfMonth && anyDayOfWeek) {
      return true;
    }
    if (anyDayOfMonth) {
      return dow;
    }
    if (anyDayOfWeek) {
      return dom;
    }
    return dom || dow;
  }
}
