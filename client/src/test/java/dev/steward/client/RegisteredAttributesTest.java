package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.agent.SearchAttributeNames;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link RegisteredAttributes} against a gRPC server answering Temporal's operator protocol: asked
 * once when all five are there or the server will not list them, refused and asked again while one
 * is missing. (The real server's answer: {@code RealServerSearchAttributesE2ETest} in the CLI.)
 */
class RegisteredAttributesTest {

  private final AtomicInteger calls = new AtomicInteger();
  private volatile List<SearchAttributeKey<?>> registered = SearchAttributeNames.ALL;
  private volatile Status refusal;
  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stop() {
    stubs.shutdownNow();
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void allFiveListedIsAskedOnce() throws IOException {
    RegisteredAttributes attributes = start();

    attributes.requireAll();
    attributes.requireAll();

    assertThat(calls).hasValue(1);
  }

  @Test
  void aMissingAttributeRefusesTheStartAndIsAskedAgain() throws IOException {
    registered = List.of(SearchAttributeNames.AGENT_NAME, SearchAttributeNames.STATUS, SearchAttributeNames.TENANT);
    RegisteredAttributes attributes = start();

    assertThatThrownBy(attributes::requireAll).isInstanceOf(SearchAttributesNotRegisteredException.class)
        .hasMessageContaining("namespace ns lacks StewardCostUsd, StewardTotalTokens")
        .hasMessageContaining("--name StewardTotalTokens --type Int");
    registered = SearchAttributeNames.ALL;
    attributes.requireAll();
    attributes.requireAll();

    assertThat(calls).hasValue(2);
  }

  /** UNIMPLEMENTED (Temporal's Java test server) and PERMISSION_DENIED will not change; UNAVAILABLE may. */
  @ParameterizedTest
  @CsvSource({"UNIMPLEMENTED, 1", "PERMISSION_DENIED, 1", "UNAVAILABLE, 2"})
  void aServerThatDoesNotListIsTrustedAndAskedAgainOnlyWhenThatMayChange(Status.Code code, int asked)
      throws IOException {
    refusal = Status.fromCode(code);
    RegisteredAttributes attributes = start();

    attributes.requireAll();
    attributes.requireAll();

    assertThat(calls).hasValue(asked);
  }

  private RegisteredAttributes start() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new Operator()).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
    return new RegisteredAttributes(stubs, "ns", "in-process");
  }

  /** Lists {@link #registered} for namespace {@code ns}, or answers {@link #refusal}. */
  private final class Operator extends OperatorServiceGrpc.OperatorServiceImplBase {
    @Override
    public void listSearchAttributes(ListSearchAttributesRequest request,
        StreamObserver<ListSearchAttributesResponse> response) {
      calls.incrementAndGet();
      if (refusal != null) {
        response.onError(refusal.asRuntimeException());
        return;
      }
      assertThat(request.getNamespace()).isEqualTo("ns");
      ListSearchAttributesResponse.Builder answer = ListSearchAttributesResponse.newBuilder();
      registered.forEach(key -> answer.putCustomAttributes(key.getName(), key.getValueType()));
      response.onNext(answer.build());
      response.onCompleted();
    }
  }
}
