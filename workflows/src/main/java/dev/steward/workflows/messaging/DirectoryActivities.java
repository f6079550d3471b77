package dev.steward.workflows.messaging;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Looks agents up for agent-to-agent messages: who owns an agent, and whether it is alive. */
@ActivityInterface
public interface DirectoryActivities {

  /** An agent as the directory sees it. */
  record Entry(boolean running, String tenant) {
    public static final Entry MISSING = new Entry(false, null);
  }

  @ActivityMethod(name = "LookupAgent")
  Entry lookup(String agentId);
}
