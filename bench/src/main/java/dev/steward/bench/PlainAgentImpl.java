package dev.steward.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The baseline workflow: the least code that answers the scenarios' updates durably. */
public final class PlainAgentImpl implements PlainAgent {

  private final PlainActivities activities = Workflow.newActivityStub(PlainActivities.class,
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
  private boolean stopped;

  @Override
  public void run() {
    Workflow.await(() -> stopped);
  }

  @Override
  public String turn(String message) {
    String call = activities.model(message);
    String result = activities.tool(call);
    return activities.model(result);
  }

  @Override
  public String step(String message) {
    return activities.model(message);
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
