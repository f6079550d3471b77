package dev.steward.bench;

import java.time.Instant;

/** Answers at once; the work is string handling of the size of a short chat message. */
public final class PlainActivitiesImpl implements PlainActivities {

  @Override
  public String model(String context) {
    return "reply to " + context;
  }

  @Override
  public String tool(String arguments) {
    // The same tool the Steward scenario calls: the current time.
    return Instant.now().toString();
  }
}
