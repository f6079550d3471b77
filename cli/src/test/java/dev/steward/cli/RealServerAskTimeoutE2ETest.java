package dev.steward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.steward.client.AgentClient;
import dev.steward.client.ClientSettings;
import dev.steward.client.StewardTimeoutException;
import dev.steward.client.spec.AgentFiles;
import dev.steward.worker.StewardWorker;
import dev.steward.worker.WorkerSettings;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.spec.AgentSpec;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ask} on the real Temporal server, where one update call waits for the turn's outcome: a
 * reply within the timeout comes back, a turn that outlives it is reported as accepted (and still
 * answered), a message no worker takes as not accepted, and a retried ask with the same message id
 * gets the first one's outcome.
 */
@RealTemporal.Required
class RealServerAskTimeoutE2ETest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** A reply streamed in three pieces two seconds apart: a turn of about four seconds. */
  private static final AgentSpec SLOW = AgentFiles.parse(
      "name: slow\nmodel: {provider: scripted, parameters: {chunk_pause_ms: 2000}}\n", "slow.yaml");
  private static final AgentSpec QUICK = AgentFiles.parse("name: quick\nmodel: {provider: scripted}\n", "quick.yaml");

  private static String address;
  private static String queue;
  private static StewardWorker worker;
  private static AgentClient client;

  @BeforeAll
  static void start() {
    address = RealTemporal.address();
    queue = RealTemporal.unique("steward-ask");
    worker = StewardWorker.connect(WorkerSettings.defaults().withAddress(address).withTaskQueue(queue)).start();
    client = AgentClient.connect(new ClientSettings(address, "default", queue));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void aQuickTurnsReplyComesBackAndARetriedAskGetsTheSameOutcome() {
    String id = client.start(RealTemporal.unique("quick"), QUICK);
    UserMessage message = new UserMessage("m-1", "hello", null);

    TurnOutcome first = client.ask(id, message, WAIT);
    TurnOutcome again = client.ask(id, message, WAIT);

    assertThat(first.reply()).isEqualTo("echo: hello");
    assertThat(again).isEqualTo(first);
    assertThat(client.snapshot(id).turn()).isEqualTo(1);
  }

  @Test
  void aTurnThatOutlivesTheTimeoutWasAcceptedAndIsStillAnswered() {
    String id = client.start(RealTemporal.unique("slow"), SLOW);

    StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
        () -> client.ask(id, UserMessage.of("take your time"), Duration.ofSeconds(1)));

    assertThat(e.accepted()).isTrue();
    assertThat(e).hasMessageContaining("accepted the message");
    await().atMost(WAIT).until(() -> client.snapshot(id).lastOutcome() != null);
    assertThat(client.snapshot(id).lastOutcome().reply()).isEqualTo("echo: take your time");
  }

  @Test
  void aMessageNoWorkerTakesWasNotAccepted() {
    try (AgentClient nobodyHome = AgentClient.connect(new ClientSettings(address, "default", queue + "-empty"))) {
      String id = nobodyHome.start(RealTemporal.unique("orphan"), QUICK);

      StewardTimeoutException e = catchThrowableOfType(StewardTimeoutException.class,
          () -> nobodyHome.ask(id, UserMessage.of("hello?"), Duration.ofSeconds(2)));

      assertThat(e.accepted()).isFalse();
      assertThat(e).hasMessageContaining(queue + "-empty");
    }
  }
}
