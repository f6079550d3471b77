package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server reflection as grpcurl, Postman and IDE clients use it, over TCP with grpc-java's own
 * reflection stubs: both {@code grpc.reflection.v1} and the older {@code v1alpha} list the
 * services and hand out the file descriptor of {@code steward.v1.AgentService}.
 */
class ReflectionVersionsTest {

  private static final String AGENT_SERVICE = "steward.v1.AgentService";
  private static GatewayTestKit kit;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    channel = ManagedChannelBuilder.forTarget(kit.target()).usePlaintext().build();
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    kit.close();
  }

  @Test
  void v1ListsServicesAndDescribesTheAgentService() throws Exception {
    Replies<io.grpc.reflection.v1.ServerReflectionResponse> replies = new Replies<>();
    StreamObserver<io.grpc.reflection.v1.ServerReflectionRequest> requests =
        io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(replies);
    try {
      requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
      List<String> services = replies.next().getListServicesResponse().getServiceList().stream()
          .map(io.grpc.reflection.v1.ServiceResponse::getName).toList();
      requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder()
          .setFileContainingSymbol(AGENT_SERVICE).build());
      List<ByteString> files = replies.next().getFileDescriptorResponse().getFileDescriptorProtoList();

      assertThat(services).contains(AGENT_SERVICE, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection");
      assertDescribesAgentService(files);
    } finally {
      requests.onCompleted();
    }
  }

  @Test
  @SuppressWarnings("deprecation") // v1alpha is what this test is about.
  void v1alphaListsServicesAndDescribesTheAgentService() throws Exception {
    Replies<io.grpc.reflection.v1alpha.ServerReflectionResponse> replies = new Replies<>();
    StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
        io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel).serverReflectionInfo(replies);
    try {
      requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build());
      List<String> services = replies.next().getListServicesResponse().getServiceList().stream()
          .map(io.grpc.reflection.v1alpha.ServiceResponse::getName).toList();
      requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
          .setFileContainingSymbol(AGENT_SERVICE).build());
      List<ByteString> files = replies.next().getFileDescriptorResponse().getFileDescriptorProtoList();
      requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
          .setFileContainingSymbol("steward.v1.NoSuchService").build());
      io.grpc.reflection.v1alpha.ErrorResponse unknown = replies.next().getErrorResponse();

      assertThat(services).contains(AGENT_SERVICE, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
          "grpc.reflection.v1alpha.ServerReflection");
      assertDescribesAgentService(files);
      assertThat(unknown.getErrorCode()).isEqualTo(io.grpc.Status.Code.NOT_FOUND.value());
    } finally {
      requests.onCompleted();
    }
  }

  /** The first file is the one declaring the symbol; the rest are its dependencies. */
  private static void assertDescribesAgentService(List<ByteString> files) throws Exception {
    assertThat(files).isNotEmpty();
    FileDescriptorProto file = FileDescriptorProto.parseFrom(files.get(0));
    assertThat(file.getPackage()).isEqualTo("steward.v1");
    assertThat(file.getServiceList()).extracting(ServiceDescriptorProto::getName).contains("AgentService");
    ServiceDescriptorProto service = file.getServiceList().stream()
        .filter(s -> s.getName().equals("AgentService")).findFirst().orElseThrow();
    assertThat(service.getMethodList()).extracting(m -> m.getName()).contains("StartAgent", "Ask", "Watch");
  }

  /** The responses of one reflection stream, taken one at a time. */
  private static final class Replies<T> implements StreamObserver<T> {

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    @Override
    public void onNext(T value) {
      queue.add(value);
    }

    @Override
    public void onError(Throwable t) {
      queue.add(t);
    }

    @Override
    public void onCompleted() {}

    @SuppressWarnings("unchecked")
    T next() throws Exception {
      Object next = queue.poll(30, TimeUnit.SECONDS);
      assertThat(next).as("a reflection response").isNotNull().isNotInstanceOf(Throwable.class);
      return (T) next;
    }
  }
}
