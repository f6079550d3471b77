package dev.steward.bench;

import io.temporal.activity.ActivityInterface;

/** The baseline's activities: a stand-in model and tool that answer at once, like the scripted model. */
@ActivityInterface
public interface PlainActivities {

  String model(String context);

  String tool(String arguments);
}
