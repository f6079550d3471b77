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
 */
public final class Cron {

  private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
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
    minutes = field(f[0], 0, 59, null, "minute");
    hours = field(f[1], 0, 23, null, "hour");
    daysOfMonth = field(f[2], 1, 31, null, "day of month");
    months = field(f[3], 1, 12, MONTHS, "month");
    daysOfWeek = field(f[4], 0, 7, DAYS, "day of week");
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0); // 7 is Sunday too, as in classic cron.
    }
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

  private static BitSet field(String spec, int min, int max, String[] names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : spec.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, null, what);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, names, what);
        to = number(ends[1], min, max, names, what);
      } else {
        from = number(range, min, max, names, what);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException("cron " + what + " range '" + range + "' runs backwards");
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, String[] names, String what) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(text)) {
          return names == MONTHS ? i + 1 : i;
        }
      }
    }
    try {
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw new IllegalArgumentException("cron " + what + " " + v + " is outside " + min + "-" + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cron " + what + " '" + text + "' is not a number" + (names == null ? "" : " or name"));
    }
  }
}
