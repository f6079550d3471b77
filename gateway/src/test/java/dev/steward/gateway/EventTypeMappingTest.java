package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every event an agent records reaches gRPC watchers with its own type, never as TYPE_UNSPECIFIED. */
class EventTypeMappingTest {

  @Test
  void everyAgentEventTypeHasAProtoType() {
    for (AgentEvent.Type type : AgentEvent.Type.values()) {
      var proto = ProtoMapping.event(new AgentEvent(1, 0, type, 1, "x", null, null)).getType();
      assertThat(proto.name()).as("proto type of " + type).isEqualTo("TYPE_" + type.name());
    }
    assertThat(dev.steward.proto.v1.AgentEvent.Type.values()).extracting(Enum::name)
        .containsAll(Arrays.stream(AgentEvent.Type.values()).map(t -> "TYPE_" + t.name()).toList());
  }
}
