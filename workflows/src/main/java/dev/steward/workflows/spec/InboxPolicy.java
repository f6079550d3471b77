package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happens to a message that arrives while a turn is running. */
public enum InboxPolicy {
  /** It waits; each message gets its own turn, in the order received. The default. */
  QUEUE,
  /** The running turn stops at its next safe point (after running tools finish) and the new message is taken. */
  INTERRUPT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static InboxPolicy parse(String value) {
    return InboxPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
