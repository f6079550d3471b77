package dev.steward.workflows.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.model.field.value.FieldValue;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.parser.CronParser;
import java.util.BitSet;

/**
 * Parses the five fields with cron-utils (its UNIX definition) and expands each to the set of values
 * it matches. {@link Cron} computes fire times from these sets itself, so a change in how cron-utils
 * computes executions can never change a workflow's timers; only the parsing is the library's.
 */
final class CronFields {

  private static final CronFieldName[] NAMES = {CronFieldName.MINUTE, CronFieldName.HOUR, CronFieldName.DAY_OF_MONTH,
      CronFieldName.MONTH, CronFieldName.DAY_OF_WEEK};
  private static final String[] WHAT = {"minute", "hour", "day of month", "month", "day of week"};
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 7};
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private CronFields() {}

  /**
   * The values of each field, in the order minute, hour, day of month, month, day of week (0 and 7
   * are Sunday). Throws {@link IllegalArgumentException} naming the first bad field.
   */
  static BitSet[] parse(String[] fields) {
    // Classic cron reads '?' as '*'; cron-utils' UNIX definition does not know it.
    String[] normal = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      normal[i] = fields[i].replace('?', '*');
    }
    // cron-utils reads SUN as 7 in a range (SUN-SAT fails, FRI-SUN passes); classic cron, and the
    // agents already running, read it as 0.
    for (int d = 0; d < DAYS.length; d++) {
      normal[4] = normal[4].replace(DAYS[d], Integer.toString(d));
    }
    com.cronutils.model.Cron cron;
    try {
      cron = parser().parse(String.join(" ", normal));
    } catch (IllegalArgumentException e) {
      throw badField(normal, fields, e);
    }
    BitSet[] values = new BitSet[NAMES.length];
    for (int i = 0; i < NAMES.length; i++) {
      values[i] = new BitSet(MAX[i] + 1);
      add(cron.retrieve(NAMES[i]).getExpression(), i, fields[i], values[i]);
    }
    return values;
  }

  // A parser per call: cron-utils does not promise that its parser is safe to share between threads.
  private static CronParser parser() {
    return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  }

  /** cron-utils names no field; parsing each field alone finds the one to name. */
  private static IllegalArgumentException badField(String[] normal, String[] fields, IllegalArgumentException whole) {
    for (int i = 0; i < normal.length; i++) {
      String[] probe = {"*", "*", "*", "*", "*"};
      probe[i] = normal[i];
      try {
        parser().parse(String.join(" ", probe));
      } catch (IllegalArgumentException e) {
        return new IllegalArgumentException("cron " + WHAT[i] + " '" + fields[i] + "': " + reason(e), e);
      }
    }
    return new IllegalArgumentException("cron: " + reason(whole), whole);
  }

  private static String reason(IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage()).replaceFirst("^Failed to parse cron expression\\.\\s*", "");
    return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  private static void add(FieldExpression e, int field, String text, BitSet bits) {
    if (e instanceof Always || e instanceof QuestionMark) {
      bits.set(MIN[field], MAX[field] + 1);
    } else if (e instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
      bits.set(number(on.getTime(), field, text));
    } else if (e instanceof Between b) {
      set(bits, number(b.getFrom(), field, text), number(b.getTo(), field, text), 1, field, text);
    } else if (e instanceof Every every) {
      int step = every.getPeriod().getValue();
      FieldExpression start = every.getExpression();
      if (start instanceof Always) {
        set(bits, MIN[field], MAX[field], step, field, text);
      } else if (start instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
        // 'a/s' is a, a+s, ... up to the field's end, as in classic cron.
        set(bits, number(on.getTime(), field, text), MAX[field], step, field, text);
      } else if (start instanceof Between b) {
        set(bits, number(b.getFrom(), field, text), number(b.getTo(), field, text), step, field, text);
      } else {
        throw unsupported(field, text);
      }
    } else if (e instanceof And and) {
      and.getExpressions().forEach(part -> add(part, field, text, bits));
    } else {
      throw unsupported(field, text);
    }
    if (field == 4 && bits.get(7)) {
      bits.set(0); // 7 is Sunday too.
    }
  }

  private static void set(BitSet bits, int from, int to, int step, int field, String text) {
    if (step < 1 || from > to) {
      throw new IllegalArgumentException("cron " + WHAT[field] + " '" + text + "' runs backwards or has no step");
    }
    for (int v = from; v <= to; v += step) {
      bits.set(v);
    }
  }

  private static int number(FieldValue<?> value, int field, String text) {
    if (value.getValue() instanceof Integer v && v >= MIN[field] && v <= MAX[field]) {
      return v;
    }
    throw unsupported(field, text);
  }

  private static IllegalArgumentException unsupported(int field, String text) {
    return new IllegalArgumentException("cron " + WHAT[field] + " '" + text + "' is not a value, list, range or step "
        + "of five-field cron");
  }
}
