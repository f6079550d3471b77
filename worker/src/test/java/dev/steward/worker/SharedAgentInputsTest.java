package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.steward.workflows.agent.AgentInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharedAgentInputsTest {

  private static final String NEW_AGENT = """
      {"spec": {"name": "helper", "model": {"provider": "scripted"}}, "tenant": "acme"}""";
  private static final String CONTINUED_AGENT = """
      {"spec": {"name": "helper", "model": {"provider": "scripted"}}, "tenant": "acme", "carried": {"turn": 3}}""";

  private final DataConverter converter = SharedAgentInputs.around(DefaultDataConverter.newDefaultInstance());

  @Test
  void aNewAgentsInputIsDecodedOncePerPayloadContent() {
    AgentInput first = decode(converter, NEW_AGENT);
    AgentInput again = decode(converter, NEW_AGENT);
    // Another workflow's converter (the SDK asks one per workflow) shares them too.
    AgentInput elsewhere = decode(converter.withContext(new WorkflowSerializationContext("default", "agent-2")), NEW_AGENT);

    assertThat(first.tenant()).isEqualTo("acme");
    assertThat(first.spec().name()).isEqualTo("helper");
    assertThat(again).isSameAs(first);
    assertThat(elsewhere).isSameAs(first);
    assertThat(converter.fromPayloads(0, payloads(NEW_AGENT), AgentInput.class, AgentInput.class)).isSameAs(first);
  }

  @Test
  void aCarriedStateIsDecodedEachTime() {
    AgentInput first = decode(converter, CONTINUED_AGENT);
    AgentInput again = decode(converter, CONTINUED_AGENT);

    assertThat(first.carried().turn()).isEqualTo(3);
    assertThat(again).isEqualTo(first).isNotSameAs(first);
    assertThat(again.carried()).isNotSameAs(first.carried());
  }

  @Test
  void differentInputsAndOtherTypesAreDecodedAsTheyAre() {
    AgentInput acme = decode(converter, NEW_AGENT);
    AgentInput globex = decode(converter, NEW_AGENT.replace("acme", "globex"));
    Optional<Payloads> text = converter.toPayloads("hello");

    assertThat(globex.tenant()).isEqualTo("globex");
    assertThat(decode(converter, NEW_AGENT)).isSameAs(acme);
    assertThat(converter.fromPayloads(0, text, String.class, String.class)).isEqualTo("hello");
  }

  @Test
  void itKeepsABoundedNumberOfInputs() {
    AgentInput first = decode(converter, NEW_AGENT);
    for (int i = 0; i < SharedAgentInputs.KEPT; i++) {
      decode(converter, NEW_AGENT.replace("acme", "tenant-" + i));
    }

    AgentInput again = decode(converter, NEW_AGENT);

    assertThat(again).isEqualTo(first).isNotSameAs(first);
  }

  /** Decodes {@code json} from a payload of its own, as a workflow's first task brings it. */
  private static AgentInput decode(DataConverter converter, String json) {
    Optional<Payloads> payloads = payloads(json);
    // As the SDK decodes a workflow's arguments.
    Object[] arguments = converter.fromPayloads(payloads,
        new Class<?>[] {AgentInput.class}, new Type[] {AgentInput.class});
    return (AgentInput) arguments[0];
  }

  private static Optional<Payloads> payloads(String json) {
    Payload payload = Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
        .build();
    return Optional.of(Payloads.newBuilder().addPayloads(payload).build());
  }
}
