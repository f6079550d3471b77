package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentStatus;
import org.junit.jupiter.api.Test;

/** The visibility query is only answered by a full server, so its text is checked here. */
class AgentDirectoryTest {

  @Test
  void queriesAgentsByTypeNameAndStatus() {
    assertThat(AgentDirectory.query(null, null))
        .isEqualTo("WorkflowType = 'Agent' AND ExecutionStatus != 'ContinuedAsNew'");
    assertThat(AgentDirectory.query("helper", AgentStatus.IDLE))
        .isEqualTo("WorkflowType = 'Agent' AND ExecutionStatus != 'ContinuedAsNew' AND StewardAgentName = 'helper'"
            + " AND ExecutionStatus = 'Running' AND StewardStatus = 'IDLE'");
    assertThat(AgentDirectory.query(null, AgentStatus.STOPPED))
        .endsWith("AND ExecutionStatus != 'Running'");
  }
}
