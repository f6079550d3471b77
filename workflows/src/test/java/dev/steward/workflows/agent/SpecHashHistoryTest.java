package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelTools;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The spec hash running agents hold: in every committed history whose model calls name their models
 * and tools by hash, the first call's {@code toolsRef} is today's {@link ModelTools#hash} of the spec
 * the run started with. A change to how the hash is computed (or remembered) that moved its value
 * would make every running agent's model calls miss.
 */
class SpecHashHistoryTest {

  private static final DataConverter JSON = DefaultDataConverter.newDefaultInstance();

  @Test
  void theFirstModelCallOfEveryRunNamesTheStartSpecsHash() {
    int checked = 0;
    for (Map.Entry<String, String> history : Histories.all().entrySet()) {
      AgentInput input = null;
      for (HistoryEvent e : WorkflowExecutionHistory.fromJson(history.getValue()).getEvents()) {
        if (e.hasWorkflowExecutionStartedEventAttributes()) {
          input = JSON.fromPayloads(0, Optional.of(e.getWorkflowExecutionStartedEventAttributes().getInput()),
              AgentInput.class, AgentInput.class);
        }
        if (e.hasActivityTaskScheduledEventAttributes()
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("Model")) {
          ModelRequest request = JSON.fromPayloads(0, Optional.of(e.getActivityTaskScheduledEventAttributes().getInput()),
              ModelRequest.class, ModelRequest.class);
          if (request.toolsRef() != null) {
            assertThat(request.toolsRef()).as(history.getKey()).isEqualTo(ModelTools.of(input.spec()).hash());
            checked++;
          }
          break;
        }
      }
    }
    assertThat(checked).as("histories whose model calls name their spec by hash").isGreaterThanOrEqualTo(5);
  }
}
