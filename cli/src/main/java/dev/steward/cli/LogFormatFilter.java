package dev.steward.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Lets an appender of logback.xml write only when it is the format {@code STEWARD_LOG_FORMAT} names:
 * {@code text} (the default, and what any other value means) or {@code json}. Both appenders stay
 * attached, so the choice needs no conditional configuration.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

  /** The variable that picks the format. */
  public static final String VARIABLE = "STEWARD_LOG_FORMAT";

  private static final String ACTIVE = active(System.getenv(VARIABLE));

  private String format = "text";

  /** The format this appender writes: {@code text} or {@code json}. */
  public void setFormat(String value) {
    format = value == null ? "text" : value.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return format.equals(ACTIVE) ? FilterReply.NEUTRAL : FilterReply.DENY;
  }

  static String active(String value) {
    return value != null && value.trim().equalsIgnoreCase("json") ? "json" : "text";
  }
}
