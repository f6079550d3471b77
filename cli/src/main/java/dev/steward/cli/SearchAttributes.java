package dev.steward.cli;

import dev.steward.connection.TemporalConnection;
import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;

/**
 * Registers Steward's search attributes on a server. A workflow that sets an unregistered search
 * attribute fails its task, so this must happen before the first agent starts.
 */
final class SearchAttributes {

  private SearchAttributes() {}

  /**
   * Adds every Steward attribute with its type, in the connection's namespace, over its TLS and with
   * its API key; attributes that already exist are left as they are.
   */
  static void register(TemporalConnection connection) {
    String namespace = connection.namespace();
    OperatorServiceStubs stubs = OperatorServiceStubs.newServiceStubs(connection.operatorServiceStubsOptions());
    try {
      // One call per attribute, so that one already present does not hide the others.
      for (SearchAttributeKey<?> key : SearchAttributeNames.ALL) {
        AddSearchAttributesRequest request = AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace)
            .putSearchAttributes(key.getName(), key.getValueType())
            .build();
        try {
          stubs.blockingStub().addSearchAttributes(request);
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /** {@link #register(TemporalConnection)} in plain text, for a server this process started. */
  static void register(String address, String namespace) {
    register(TemporalConnection.plain(address, namespace));
  }
}
