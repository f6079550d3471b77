package dev.steward.workflows.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.agent.AgentInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoded inputs share one spec object per spec content, and read exactly as before. */
class SharedSpecsTest {

  private final DataConverter json = DefaultDataConverter.newDefaultInstance();

  private static AgentSpec spec(String name, String instructions) {
    ModelSpec model = new ModelSpec("scripted", null, null, null, null, null, null, Map.of("chunk_pause_ms", 0),
        List.of(new ScriptedTurn(null, List.of(new ScriptedStep("ok", List.of())))));
    return new AgentSpec(name, instructions, model, List.of(new ToolSpec("current_time", Map.of())), null, null, null);
  }

  private AgentInput decode(Payload payload) {
    return json.fromPayload(payload, AgentInput.class, AgentInput.class);
  }

  @Test
  void twoDecodesOfOneInputHoldOneSpecAndOneTenantName() {
    Payload payload = json.toPayload(new AgentInput(spec("a", "be brief"), "t1", 0, null)).orElseThrow();

    // What the SDK does for a workflow with a @WorkflowInit constructor: one decode each.
    AgentInput forConstructor = decode(payload);
    AgentInput forWorkflowMethod = decode(payload);

    assertThat(forWorkflowMethod).isNotSameAs(forConstructor);
    assertThat(forWorkflowMethod.spec()).isSameAs(forConstructor.spec());
    assertThat(forWorkflowMethod.tenant()).isSameAs(forConstructor.tenant());
  }

  @Test
  void agentsWithEqualSpecsShareItAndOthersDoNot() {
    AgentInput first = decode(json.toPayload(new AgentInput(spec("a", "be brief"), "t1", 0, null)).orElseThrow());
    AgentInput sameSpec = decode(json.toPayload(new AgentInput(spec("a", "be brief"), "t2", 0, null)).orElseThrow());
    AgentInput otherSpec = decode(json.toPayload(new AgentInput(spec("a", "be long"), "t1", 0, null)).orElseThrow());

    assertThat(sameSpec.spec()).isSameAs(first.spec());
    assertThat(sameSpec.tenant()).isEqualTo("t2");
    assertThat(otherSpec.spec()).isNotSameAs(first.spec()).isNotEqualTo(first.spec());
    assertThat(otherSpec.spec().instructions()).isEqualTo("be long");
  }

  @Test
  void readsAndWritesExactlyAsBefore() {
    AgentInput input = new AgentInput(spec("b", "x"), "t1", 0, null);
    Payload payload = json.toPayload(input).orElseThrow();

    AgentInput decoded = decode(payload);

    assertThat(decoded).isEqualTo(input);
    assertThat(json.toPayload(decoded).orElseThrow().getData()).isEqualTo(payload.getData());
  }

  @Test
  void anInputWithoutASpecStaysWithout() {
    Payload payload = json.toPayload(new AgentInput(null, "t1", 0, null)).orElseThrow();

    assertThat(decode(payload).spec()).isNull();
    assertThat(SharedSpecs.share(null)).isNull();
  }
}
