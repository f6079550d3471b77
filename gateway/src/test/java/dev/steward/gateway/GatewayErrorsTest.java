package dev.steward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Durations;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import dev.steward.client.ClientSettings;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.GetAgentRequest;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.SendMessageRequest;
import dev.steward.proto.v1.StartAgentRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every status code the gateway promises, each caused for real, with details a program can read. */
class GatewayErrorsTest {

  static GatewayTestKit kit;
  static StewardGrpcClient acme;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
  }

  @AfterAll
  static void stop() {
    acme.close();
    kit.close();
  }

  @Test
  void aBadAgentFileIsInvalidArgumentNamingTheLineAndField() {
    StatusRuntimeException e = failure(() -> acme.startAgent("bad-spec", """
        name: bad
        model:
          provider: opena
        """));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    BadRequest details = detail(e, BadRequest.class).orElseThrow();
    assertThat(details.getFieldViolations(0).getField()).isEqualTo("spec_yaml");
    assertThat(details.getFieldViolations(0).getDescription()).contains("spec_yaml:3", "model.provider", "opena");
    assertThat(detail(e, ErrorInfo.class).orElseThrow().getReason()).isEqualTo("INVALID_AGENT_FILE");
  }

  @Test
  void badRequestFieldsAreNamed() {
    StatusRuntimeException badName = failure(() -> acme.stub().getAgent(GetAgentRequest.newBuilder().setName("x/y").build()));
    StatusRuntimeException noText = failure(() -> acme.stub().sendMessage(SendMessageRequest.newBuilder()
        .setName("agents/whatever").setMessage(Message.newBuilder().setText(" ")).build()));
    StatusRuntimeException noSpec = failure(() -> acme.stub().startAgent(StartAgentRequest.getDefaultInstance()));
    StatusRuntimeException unknownName = failure(() -> acme.startAgentNamed("", "no-such-file"));

    assertThat(detail(badName, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("name");
    assertThat(noText.getStatus().getCode()).isIn(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND);
    assertThat(detail(noSpec, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo("spec_yaml");
    assertThat(detail(unknownName, BadRequest.class).orElseThrow().getFieldViolations(0).getDescription())
        .contains("no-such-file", "clerk");
  }

  @Test
  void anUnknownAgentIsNotFound() {
    StatusRuntimeException e = failure(() -> acme.get("never-started"));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).isEqualTo("agent 'never-started' not found");
    assertThat(detail(e, ErrorInfo.class).orElseThrow().getReason()).isEqualTo("AGENT_NOT_FOUND");
  }

  @Test
  void aSecondStartWithAnotherSpecIsAlreadyExists() {
    acme.startAgent("dup", GatewayEndToEndTest.ECHO);

    StatusRuntimeException e = failure(() -> acme.startAgentNamed("dup", "clerk"));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
  }

  @Test
  void anAskPastTheTurnLimitIsFailedPrecondition() {
    acme.startAgent("limited", """
        name: limited
        model: {provider: scripted}
        limits: {max_turns: 1}
        """);
    acme.ask("limited", "the only turn", Duration.ofSeconds(30));

    StatusRuntimeException e = failure(() -> acme.ask("limited", "one more", Duration.ofSeconds(30)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(e.getStatus().getDescription()).contains("turn limit reached");
    assertThat(detail(e, PreconditionFailure.class).orElseThrow().getViolations(0).getType()).isEqualTo("TURN_LIMIT");
  }

  @Test
  void anAskThatOutlastsItsTimeoutOrDeadlineIsDeadlineExceeded() {
    acme.startAgentNamed("slow-clerk", "clerk");
    AskRequest waitsForApproval = AskRequest.newBuilder().setName("agents/slow-clerk")
        .setMessage(Message.newBuilder().setId("m1").setText("what time is it?"))
        // Time enough for the agent to take the message on a loaded machine: this checks the answer
        // after the turn has begun ("the turn goes on"), not the one when nobody took the message.
        .setTimeout(Durations.fromSeconds(5)).build();

    StatusRuntimeException byTimeout = failure(() -> acme.stub().ask(waitsForApproval));
    StatusRuntimeException byDeadline = failure(() -> acme.stub().withDeadlineAfter(1, TimeUnit.SECONDS)
        .ask(waitsForApproval.toBuilder().clearTimeout().build()));

    assertThat(byTimeout.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(byTimeout.getStatus().getDescription()).contains("the turn goes on");
    assertThat(byDeadline.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aRequestOverTheSizeLimitIsRefused() {
    String huge = "# " + "x".repeat(2 * 1024 * 1024) + "\nname: huge\nmodel: {provider: scripted}\n";

    StatusRuntimeException e = failure(() -> acme.startAgent("huge", huge));

    // The server refuses at 1 MiB. Usually the client reads that as RESOURCE_EXHAUSTED; when the
    // refusal resets the stream while the client is still sending, gRPC reports the reset instead.
    assertThat(e.getStatus().getCode()).isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNKNOWN, Status.Code.CANCELLED,
        Status.Code.INTERNAL);
    assertThat(failure(() -> acme.get("huge")).getStatus().getCode()).as("nothing was started").isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void aCallWithoutAValidKeyIsUnauthenticated() {
    try (StewardGrpcClient anonymous = kit.client(null); StewardGrpcClient forged = kit.client("key-acme-guess")) {
      assertThat(failure(() -> anonymous.get("x")).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(failure(() -> forged.list(null, null)).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void temporalOutOfReachIsUnavailable() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    try (StewardGateway cutOff = StewardGateway.builder()
            .settings(GatewaySettings.defaults().withPort(0))
            .clientSettings(new ClientSettings("localhost:" + deadPort, null, null))
            .build().start();
        StewardGrpcClient client = StewardGrpcClient.builder().target("localhost:" + cutOff.port()).build()) {
      StatusRuntimeException e = failure(() -> client.send("any", "hello?"));

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(detail(e, ErrorInfo.class).orElseThrow().getReason()).isEqualTo("TEMPORAL_UNAVAILABLE");
    }
  }

  @Test
  void noStackTraceReachesTheClient() {
    StatusRuntimeException e = failure(() -> acme.get("never-started"));

    assertThat(e.getStatus().getDescription()).doesNotContain("Exception", "\tat ");
    assertThat(e.getStatus().getCause()).isNull();
  }

  static StatusRuntimeException failure(Executable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::execute);
  }

  static <T extends com.google.protobuf.Message> Optional<T> detail(StatusRuntimeException e, Class<T> type) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status == null) {
      return Optional.empty();
    }
    for (Any any : status.getDetailsList()) {
      if (any.is(type)) {
        try {
          return Optional.of(any.unpack(type));
        } catch (InvalidProtocolBufferException ex) {
          throw new AssertionError(ex);
        }
      }
    }
    return Optional.empty();
  }
}
