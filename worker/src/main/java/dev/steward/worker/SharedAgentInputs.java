package dev.steward.worker;

import dev.steward.workflows.agent.AgentInput;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.payload.context.SerializationContext;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's data converter, with one decoded {@link AgentInput} per distinct input payload. The
 * SDK decodes a workflow's input twice in its first task (for the {@code @WorkflowInit} constructor
 * and for the workflow method), and agents started from the same spec by the same tenant carry the
 * same payload: decoding one is most of the JSON work of a new agent's first task.
 *
 * <p>Only inputs of new agents are shared ({@link AgentInput#carried()} null): those hold only
 * values (the spec, already one object per content through {@code SharedSpecs}, strings, a number),
 * so sharing them is what decoding again would give. A carried state is decoded each time. Anything
 * else passes straight through.
 */
final class SharedAgentInputs implements DataConverter {

  /** Inputs kept: a few specs in use at once, each a few KB. */
  static final int KEPT = 64;

  private final DataConverter next;
  private final Map<Payload, AgentInput> decoded;

  private SharedAgentInputs(DataConverter next, Map<Payload, AgentInput> decoded) {
    this.next = next;
    this.decoded = decoded;
  }

  static DataConverter around(DataConverter next) {
    return new SharedAgentInputs(next, new LinkedHashMap<>(KEPT, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Payload, AgentInput> eldest) {
        return size() > KEPT;
      }
    });
  }

  /** The same client, but whose workflows decode their inputs through {@link #around}; for the worker's factory. */
  static WorkflowClient forWorker(WorkflowClient client) {
    WorkflowClientOptions options = client.getOptions();
    return WorkflowClient.newInstance(client.getWorkflowServiceStubs(), WorkflowClientOptions.newBuilder(options)
        .setDataConverter(around(options.getDataConverter())).build());
  }

  // The SDK decodes a workflow's arguments one payload at a time, through fromPayload.
  @Override
  public <T> T fromPayload(Payload payload, Class<T> valueType, Type valueGenericType) throws DataConverterException {
    if (valueType != AgentInput.class) {
      return next.fromPayload(payload, valueType, valueGenericType);
    }
    AgentInput known;
    synchronized (decoded) {
      known = decoded.get(payload);
    }
    if (known != null) {
      return valueType.cast(known);
    }
    T value = next.fromPayload(payload, valueType, valueGenericType);
    if (value instanceof AgentInput input && input.carried() == null) {
      synchronized (decoded) {
        decoded.put(payload, input);
      }
    }
    return value;
  }

  @Override
  public <T> T fromPayloads(int index, Optional<Payloads> content, Class<T> valueType, Type valueGenericType)
      throws DataConverterException {
    if (valueType != AgentInput.class || content.isEmpty() || index >= content.get().getPayloadsCount()) {
      return next.fromPayloads(index, content, valueType, valueGenericType);
    }
    return fromPayload(content.get().getPayloads(index), valueType, valueGenericType);
  }

  @Override
  public <T> Optional<Payload> toPayload(T value) throws DataConverterException {
    return next.toPayload(value);
  }

  @Override
  public Optional<Payloads> toPayloads(Object... values) throws DataConverterException {
    return next.toPayloads(values);
  }

  @Override
  public RuntimeException failureToException(Failure failure) {
    return next.failureToException(failure);
  }

  @Override
  public Failure exceptionToFailure(Throwable throwable) {
    return next.exceptionToFailure(throwable);
  }

  /** The SDK asks a converter per workflow; all of them share the decoded inputs. */
  @Override
  public DataConverter withContext(SerializationContext context) {
    return new SharedAgentInputs(next.withContext(context), decoded);
  }
}
