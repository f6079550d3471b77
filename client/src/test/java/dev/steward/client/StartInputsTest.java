package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.client.spec.AgentFiles;
import dev.steward.payloads.StewardDataConverter;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.RawValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StartInputs}: a new agent's input is converted once per spec and tenant, as the JSON the
 * workflow reads, and the converter's codecs still apply to every start.
 */
class StartInputsTest {

  private static final String YAML = """
      name: cached
      model: {provider: scripted}
      tools: [current_time]
      """;

  private static AgentSpec spec() {
    return AgentFiles.parse(YAML, "cached.yaml");
  }

  @Test
  void anEqualSpecParsedAgainIsConvertedOnce() {
    StartInputs inputs = new StartInputs(DefaultDataConverter.newDefaultInstance());

    StartInputs.Prepared first = inputs.of(new AgentInput(spec(), "acme", 0, null));
    StartInputs.Prepared again = inputs.of(new AgentInput(spec(), "acme", 0, null));
    StartInputs.Prepared otherTenant = inputs.of(new AgentInput(spec(), "globex", 0, null));

    assertThat(again).isSameAs(first);
    assertThat(otherTenant).isNotSameAs(first);
    assertThat(otherTenant.details()).contains("globex");
    assertThat(first.argument()).isInstanceOf(RawValue.class);
    assertThat(inputs.size()).isEqualTo(2);
  }

  @Test
  void theSameSpecObjectStartsEachTenantsAgentsWithThatTenantsInput() {
    StartInputs inputs = new StartInputs(DefaultDataConverter.newDefaultInstance());
    AgentSpec held = spec();

    StartInputs.Prepared acme = inputs.of(new AgentInput(held, "acme", 0, null));
    StartInputs.Prepared acmeAgain = inputs.of(new AgentInput(held, "acme", 0, null));
    StartInputs.Prepared globex = inputs.of(new AgentInput(held, "globex", 0, null));
    StartInputs.Prepared shortLived = inputs.of(new AgentInput(held, "globex", 50, null));
    StartInputs.Prepared acmeLater = inputs.of(new AgentInput(held, "acme", 0, null));

    assertThat(acmeAgain).isSameAs(acme);
    assertThat(acmeLater).isSameAs(acme);
    assertThat(globex.details()).contains("globex");
    assertThat(shortLived).isNotSameAs(globex);
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    assertThat(converter.fromPayload(((RawValue) shortLived.argument()).getPayload(), AgentInput.class, AgentInput.class)
        .historyEventBudget()).isEqualTo(50);
  }

  @Test
  void theConvertedInputReadsBackAsTheInput() {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    AgentInput input = new AgentInput(spec(), "acme", 0, null);

    Object argument = new StartInputs(converter).of(input).argument();

    Payloads sent = converter.toPayloads(argument).orElseThrow();
    assertThat(converter.fromPayloads(0, java.util.Optional.of(sent), AgentInput.class, AgentInput.class)).isEqualTo(input);
  }

  @Test
  void everyExampleAgentIsSentWithoutNullFieldsAndReadsBackTheSame() throws IOException {
    DataConverter converter = DefaultDataConverter.newDefaultInstance();
    List<Path> files;
    try (Stream<Path> listed = Files.list(Path.of("../examples/agents"))) {
      files = listed.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      AgentInput input = new AgentInput(AgentFiles.load(file), "acme", 0, null);

      RawValue argument = (RawValue) new StartInputs(converter).of(input).argument();

      // The workflow reads what it read from the converter's own JSON...
      Payload full = converter.toPayload(input).orElseThrow();
      assertThat(converter.fromPayload(argument.getPayload(), AgentInput.class, AgentInput.class)).as(file.toString())
          .isEqualTo(converter.fromPayload(full, AgentInput.class, AgentInput.class));
      // ...from fewer bytes, except where a sub-agent's spec sits in a free map (its nulls read back
      // as map entries, so that input is sent as the converter wrote it).
      String sent = argument.getPayload().getData().toStringUtf8();
      if (input.spec().tools().stream().noneMatch(t -> t.name().startsWith("agent:"))) {
        assertThat(full.getData().toStringUtf8()).as(file.toString()).contains(":null");
        assertThat(sent).as(file.toString()).doesNotContain(":null").hasSizeLessThan(full.getData().size());
      } else {
        assertThat(sent).as(file.toString()).isEqualTo(full.getData().toStringUtf8());
      }
    }
  }

  @Test
  void encryptionStillAppliesToEveryStart(@TempDir Path blobs) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    DataConverter converter = StewardDataConverter.fromEnvironment(Map.of("STEWARD_BLOBS", blobs.toString(),
        "STEWARD_ENCRYPTION_KEYS", "k1:" + Base64.getEncoder().encodeToString(key)));
    AgentInput input = new AgentInput(spec(), "acme", 0, null);

    Object argument = new StartInputs(converter).of(input).argument();

    // Kept before the codecs: plain JSON...
    Payload kept = ((RawValue) argument).getPayload();
    assertThat(kept.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("json/plain");
    // ...and encrypted on the way out, each start with a nonce of its own.
    Payload first = converter.toPayloads(argument).orElseThrow().getPayloads(0);
    Payload second = converter.toPayloads(argument).orElseThrow().getPayloads(0);
    assertThat(first.getMetadataOrThrow("encoding").toStringUtf8()).isNotEqualTo("json/plain");
    assertThat(first.getData()).isNotEqualTo(second.getData());
    assertThat(first.getData().toStringUtf8()).doesNotContain("current_time");
    Payloads sent = Payloads.newBuilder().addPayloads(first).build();
    assertThat(converter.fromPayloads(0, java.util.Optional.of(sent), AgentInput.class, AgentInput.class)).isEqualTo(input);
  }

  @Test
  void aSubAgentsTaskIsSentAsItIs() {
    StartInputs inputs = new StartInputs(DefaultDataConverter.newDefaultInstance());
    AgentInput task = new AgentInput(spec(), "acme", 0, null, UserMessage.of("one task"));

    assertThat(inputs.of(task).argument()).isSameAs(task);
    assertThat(inputs.size()).isZero();
  }
}
