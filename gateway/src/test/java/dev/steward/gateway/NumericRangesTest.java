package dev.steward.gateway;

import static dev.steward.gateway.GatewayErrorsTest.detail;
import static dev.steward.gateway.GatewayErrorsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.AgentServiceGrpc.AgentServiceBlockingStub;
import dev.steward.proto.v1.AskRequest;
import dev.steward.proto.v1.ChangeScheduleRequest;
import dev.steward.proto.v1.ForkAgentRequest;
import dev.steward.proto.v1.GetTranscriptRequest;
import dev.steward.proto.v1.ListAgentsRequest;
import dev.steward.proto.v1.ListEventsRequest;
import dev.steward.proto.v1.Message;
import dev.steward.proto.v1.RewindRequest;
import dev.steward.proto.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every number a caller can send the gateway, at and past its edges (negative, zero, the largest
 * and smallest values of its type), over real gRPC: a value out of range is INVALID_ARGUMENT naming
 * the field, never INTERNAL or UNKNOWN; a large value the API documents as lowered is lowered.
 */
class NumericRangesTest {

  private static final String AGENT = "ranges";
  private static final String NAME = "agents/" + AGENT;
  private static GatewayTestKit kit;
  private static StewardGrpcClient acme;
  private static AgentServiceBlockingStub stub;

  @BeforeAll
  static void start() {
    kit = new GatewayTestKit();
    acme = kit.client(GatewayTestKit.ACME_KEY);
    stub = acme.stub().withDeadlineAfter(60, TimeUnit.SECONDS);
    acme.startAgent(AGENT, GatewayEndToEndTest.ECHO + "schedules:\n  - {name: nightly, every: 24h, message: Tidy}\n");
    acme.ask(AGENT, "first turn", java.time.Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    acme.close();
    kit.close();
  }

  @Test
  void askTimeouts() {
    AskRequest ask = AskRequest.newBuilder().setName(NAME).setMessage(Message.newBuilder().setText("hi")).build();
    for (Duration timeout : new Duration[] {
        Duration.newBuilder().setSeconds(315_576_000_000L).build(), // the largest valid Duration
        Duration.newBuilder().setSeconds(Long.MAX_VALUE).build(),
        Duration.newBuilder().setSeconds(Long.MIN_VALUE).build(),
        Duration.newBuilder().setSeconds(-1).build(),
        Duration.newBuilder().setNanos(-1).build(),
        Duration.newBuilder().setSeconds(1).setNanos(-5).build(),
        Duration.newBuilder().setNanos(Integer.MAX_VALUE).build(),
        Duration.getDefaultInstance(),
        Duration.newBuilder().setSeconds(3601).build()}) {
      assertInvalid("timeout", () -> stub.ask(ask.toBuilder().setTimeout(timeout).build()));
    }
  }

  /** The agent has had one turn: later turns are out of range, as are negative ones. */
  @Test
  void rewindTurns() {
    for (int turn : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2}) {
      assertInvalid("to_turn", () -> stub.rewind(RewindRequest.newBuilder().setName(NAME).setToTurn(turn).build()));
    }
  }

  @Test
  void forkTurns() {
    for (int turn : new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2}) {
      assertInvalid("at_turn", () -> stub.forkAgent(
          ForkAgentRequest.newBuilder().setName(NAME).setAtTurn(turn).setNewAgentId("fork-" + (turn & 0xffff)).build()));
    }
  }

  @Test
  void transcriptPagesAndSequenceNumbers() {
    for (int size : new int[] {-1, Integer.MIN_VALUE}) {
      assertInvalid("page_size", () -> stub.getTranscript(
          GetTranscriptRequest.newBuilder().setName(NAME).setPageSize(size).build()));
    }
    for (long seq : new long[] {-1, Long.MIN_VALUE}) {
      assertInvalid("from_seq", () -> stub.getTranscript(
          GetTranscriptRequest.newBuilder().setName(NAME).setFromSeq(seq).build()));
    }
    // Documented: larger page sizes are lowered; a start past the end is an empty page.
    assertThat(stub.getTranscript(GetTranscriptRequest.newBuilder().setName(NAME).setPageSize(Integer.MAX_VALUE)
        .build()).getEntriesCount()).isPositive();
    assertThat(stub.getTranscript(GetTranscriptRequest.newBuilder().setName(NAME).setFromSeq(Long.MAX_VALUE)
        .setPageSize(Integer.MAX_VALUE).build()).getEntriesCount()).isZero();
  }

  @Test
  void listPageSizesAndStatuses() {
    for (int size : new int[] {-1, Integer.MIN_VALUE}) {
      assertInvalid("page_size", () -> stub.listAgents(ListAgentsRequest.newBuilder().setPageSize(size).build()));
    }
    assertInvalid("status", () -> stub.listAgents(ListAgentsRequest.newBuilder().setStatusValue(99).build()));
    assertInvalid("status", () -> stub.listAgents(ListAgentsRequest.newBuilder().setStatusValue(-7).build()));
    assertThat(stub.listAgents(ListAgentsRequest.newBuilder().setPageSize(Integer.MAX_VALUE).build()).getAgentsCount())
        .isPositive();
  }

  @Test
  void eventSequenceNumbers() {
    for (long seq : new long[] {-1, Long.MIN_VALUE}) {
      assertInvalid("after_seq", () -> stub.listEvents(ListEventsRequest.newBuilder().setName(NAME).setAfterSeq(seq)
          .build()));
      assertInvalid("after_seq", () -> stub.watch(WatchRequest.newBuilder().setName(NAME).setAfterSeq(seq).build())
          .hasNext());
    }
    // Past the last event: nothing yet, which is what a watcher resuming there should see.
    assertThat(stub.listEvents(ListEventsRequest.newBuilder().setName(NAME).setAfterSeq(Long.MAX_VALUE).build())
        .getEventsCount()).isZero();
  }

  @Test
  void scheduleActions() {
    for (int action : new int[] {0, 99, -1}) {
      assertInvalid("action", () -> stub.changeSchedule(ChangeScheduleRequest.newBuilder().setName(NAME)
          .setSchedule("nightly").setActionValue(action).build()));
    }
  }

  private static void assertInvalid(String field, Executable call) {
    StatusRuntimeException e = failure(call);
    assertThat(e).as(field + ": refused").isNotNull();
    assertThat(e.getStatus().getCode()).as(field + ": " + e.getStatus()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(e, BadRequest.class).orElseThrow().getFieldViolations(0).getField()).isEqualTo(field);
  }
}
