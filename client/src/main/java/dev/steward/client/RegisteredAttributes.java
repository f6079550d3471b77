package dev.steward.client;

import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether the namespace has all of Steward's search attributes, asked of the server before the first
 * start that leaves some out. A new agent starts without its zero cost and tokens and gets them when
 * its first turn ends; on a namespace without them that upsert would fail the agent's workflow task,
 * so the start is refused now instead, as a start naming an unregistered attribute is. A server that
 * does not list its attributes (Temporal's Java test server, a key without the right) is trusted.
 */
final class RegisteredAttributes {

  private static final long DEADLINE_SECONDS = 10;

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final String address;
  /**
   * Set once the server has listed all five, or said it will not list them; a missing attribute, or
   * a server that did not answer, is asked again at the next start.
   */
  private volatile boolean confirmed;

  RegisteredAttributes(WorkflowServiceStubs stubs, String namespace, String address) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.address = address;
  }

  /**
   * @throws SearchAttributesNotRegisteredException when the server lists its attributes and one of
   *     Steward's is not among them
   */
  void requireAll() {
    if (confirmed) {
      return;
    }
    Optional<Set<String>> registered = list();
    if (registered.isEmpty()) {
      return;
    }
    List<String> missing = SearchAttributeNames.ALL.stream().map(SearchAttributeKey::getName)
        .filter(name -> !registered.get().contains(name)).toList();
    if (!missing.isEmpty()) {
      throw new SearchAttributesNotRegisteredException(address, namespace,
          "namespace " + namespace + " lacks " + String.join(", ", missing), null);
    }
    confirmed = true;
  }

  /** The namespace's custom attributes, or empty when the server does not say. */
  private Optional<Set<String>> list() {
    // The client's own channel (its TLS) with its headers and API key; these stubs do not close it.
    WorkflowServiceStubsOptions options = stubs.getOptions();
    OperatorServiceStubsOptions.Builder operatorOptions = OperatorServiceStubsOptions.newBuilder()
        .setChannel(stubs.getRawChannel()).setHeaders(options.getHeaders());
    if (options.getGrpcMetadataProviders() != null) {
      operatorOptions.setGrpcMetadataProviders(options.getGrpcMetadataProviders());
    }
    if (options.getGrpcClientInterceptors() != null) {
      operatorOptions.setGrpcClientInterceptors(options.getGrpcClientInterceptors());
    }
    OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(operatorOptions.validateAndBuildWithDefaults());
    try {
      return Optional.of(operator.blockingStub().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .listSearchAttributes(ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap().keySet());
    } catch (StatusRuntimeException e) {
      // No such call here, or not for this key: that will not change, so it is not asked again.
      Status.Code code = e.getStatus().getCode();
      confirmed = code == Status.Code.UNIMPLEMENTED || code == Status.Code.PERMISSION_DENIED;
      return Optional.empty();
    } finally {
      operator.shutdown();
    }
  }
}
