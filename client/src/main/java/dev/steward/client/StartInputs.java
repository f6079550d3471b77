package dev.steward.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.steward.workflows.agent.AgentInput;
import dev.steward.workflows.util.LruMap;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.RawValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A new agent's start input and its Web UI texts, made once per spec and tenant instead of once per
 * start: the
 * input carries the whole spec, and converting it to JSON was the largest part of a start's CPU on
 * the client (docs/BENCHMARKS.md, issue 15). The cached form is the converter's payload before its
 * codecs (encryption, the blob claim check), passed as a {@link RawValue}: Temporal still applies
 * the codecs to every start, so each start is encrypted on its own. Inputs that carry state (forks,
 * imports, sub-agent tasks) are converted every time: they are seldom the same twice.
 *
 * <p>The cached JSON leaves out the spec's null fields (about 0.2 KB of a typical spec's 1 KB),
 * because the SDK keeps every cached agent's start event in the worker's memory (issue 14); it is
 * used only when it reads back as an input equal to the given one, else the converter's own JSON is.
 *
 * <p>Keyed by the input's content (records compare by value), so a spec parsed again for every
 * request (the gateway, the CLI) is converted once too. Thread-safe.
 */
final class StartInputs {

  /** Enough for every spec a process starts agents with in practice; the least recently used goes first. */
  static final int KEPT = 64;

  /** The SDK's JSON mapper, writing no null field (null values inside maps stay). */
  private static final ObjectMapper WITHOUT_NULL_FIELDS = JacksonJsonPayloadConverter.newDefaultObjectMapper()
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));

  private final DataConverter converter;
  private final boolean cacheable;
  /**
   * What a start sends besides its id and options.
   *
   * @param argument the workflow's argument: the converted input, or the input itself
   * @param summary the workflow's static summary ({@link AgentPresentation#summary})
   * @param details the workflow's static details ({@link AgentPresentation#details})
   */
  record Prepared(Object argument, String summary, String details) {}

  private final Map<AgentInput, Prepared> converted = new LruMap<>(KEPT);
  /**
   * The last input prepared, to know a start from the same spec object without hashing the whole
   * spec (records hash by value, deeply): a caller holding its spec starts agents from that object.
   */
  private volatile Kept last;

  private record Kept(AgentInput input, Prepared prepared) {

    /** True when {@code other} has this input's very spec object and equal other fields. */
    boolean sameAs(AgentInput other) {
      return input.spec() == other.spec() && input.tenant().equals(other.tenant())
          && input.historyEventBudget() == other.historyEventBudget() && input.changeEpoch() == other.changeEpoch();
    }
  }

  StartInputs(DataConverter converter) {
    this.converter = converter;
    // Only converters whose codecs are known can give the payload before its codecs; any other
    // converter sees every start's input as before.
    this.cacheable = converter instanceof CodecDataConverter || converter instanceof DefaultDataConverter;
  }

  /** What a start with this input sends: made now, or kept from an earlier start with an equal input. */
  Prepared of(AgentInput input) {
    if (!cacheable || input.carried() != null || input.task() != null) {
      return texts(input, input);
    }
    Kept recent = last;
    if (recent != null && recent.sameAs(input)) {
      return recent.prepared();
    }
    Prepared known = cached(input);
    if (known == null) {
      known = texts(input, new RawValue(beforeCodecs(input)));
      remember(input, known);
    }
    last = new Kept(input, known);
    return known;
  }

  private static Prepared texts(AgentInput input, Object argument) {
    return new Prepared(argument, AgentPresentation.summary(input.spec()),
        AgentPresentation.details(input.spec(), input.tenant()));
  }

  private Payload beforeCodecs(AgentInput input) {
    Payload payload = converter.toPayload(input).orElseThrow();
    // The codecs run again on every start (with its own nonce); here they are undone at once.
    Payload plain = converter instanceof CodecDataConverter codecs ? codecs.decode(List.of(payload)).get(0) : payload;
    return withoutNullFields(input, plain);
  }

  /** The same JSON payload without null fields, when it reads back as {@code input}; else {@code payload}. */
  private Payload withoutNullFields(AgentInput input, Payload payload) {
    if (!"json/plain".equals(payload.getMetadataOrDefault("encoding", ByteString.EMPTY).toStringUtf8())) {
      return payload;
    }
    try {
      Payload shorter = payload.toBuilder().setData(ByteString.copyFrom(WITHOUT_NULL_FIELDS.writeValueAsBytes(input))).build();
      return Objects.equals(converter.fromPayload(shorter, AgentInput.class, AgentInput.class), input) ? shorter : payload;
    } catch (JsonProcessingException | RuntimeException e) {
      return payload;
    }
  }

  private synchronized Prepared cached(AgentInput input) {
    return converted.get(input);
  }

  private synchronized void remember(AgentInput input, Prepared value) {
    converted.put(input, value);
  }

  /** How many inputs are kept, for tests. */
  synchronized int size() {
    return converted.size();
  }
}
