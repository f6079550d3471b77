package dev.steward.bench;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The baseline: a hand-written Temporal "agent" with no framework, the same shapes Steward's
 * scenarios have. It lives until {@link #stop()}, like an agent, and answers updates.
 */
@WorkflowInterface
public interface PlainAgent {

  @WorkflowMethod
  void run();

  /** One turn's shape: model, tool, model; three activities one after another. */
  @UpdateMethod
  String turn(String message);

  /** One step: a single model activity. */
  @UpdateMethod
  String step(String message);

  @SignalMethod
  void stop();
}
