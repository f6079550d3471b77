package dev.steward.gateway;

import dev.steward.client.AgentClient;
import dev.steward.proto.v1.PartialReply;
import dev.steward.proto.v1.WatchResponse;
import dev.steward.workflows.agent.AgentEvent;
import dev.steward.workflows.agent.EventPage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@code Watch} stream: polls the agent's {@code events} query and sends every event with a
 * larger sequence number than the last one sent, so each event reaches the client once and in
 * order. Polls come quickly while events flow and back off while the agent is quiet; no thread is
 * held between polls. The stream ends when the agent has stopped and everything was sent.
 *
 * <p>With partial replies on, each poll then reads the running model call's text (its heartbeat
 * details, {@link AgentClient#partialReply}) and sends it whole when it changed. Reading it after the
 * events keeps the order right: a text read after a {@code REPLY} event was sent belongs to a later
 * model call, so a call's partial replies always reach the client before its {@code REPLY}.
 */
final class AgentWatch {

  /** Delay between polls while events flow, in milliseconds. */
  static final long FAST_POLL_MILLIS = 200;
  /** The longest delay between polls of a quiet agent, in milliseconds. */
  static final long SLOW_POLL_MILLIS = 1_000;

  private final AgentClient client;
  private final String agentId;
  private final ServerCallStreamObserver<WatchResponse> out;
  private final ScheduledExecutorService executor;
  private final WatchRegistry registry;
  private final boolean partialReplies;
  /** The partial reply last sent; empty while no model call streams. */
  private String lastPartial = "";
  private long lastSeq;
  private long delayMillis = 0;
  private volatile boolean done;
  private volatile ScheduledFuture<?> next;

  AgentWatch(AgentClient client, String agentId, long afterSeq, boolean partialReplies,
      ServerCallStreamObserver<WatchResponse> out, ScheduledExecutorService executor, WatchRegistry registry) {
    this.client = client;
    this.partialReplies = partialReplies;
    this.agentId = agentId;
    this.lastSeq = afterSeq;
    this.out = out;
    this.executor = executor;
    this.registry = registry;
  }

  void start() {
    out.setOnCancelHandler(this::stop);
    registry.add(this);
    schedule(0);
  }

  /** Ends the stream with UNAVAILABLE so the client reconnects (to another gateway) from its last seq. */
  void shutDown() {
    finish(() -> out.onError(Status.UNAVAILABLE
        .withDescription("the gateway is shutting down; watch again from the last seq you received")
        .asRuntimeException()));
  }

  private void stop() {
    done = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
    registry.remove(this);
  }

  private synchronized void finish(Runnable close) {
    if (done) {
      return;
    }
    stop();
    try {
      close.run();
    } catch (RuntimeException e) {
      // The call was already closed (cancelled by the client); nothing is left to tell it.
    }
  }

  private void schedule(long millis) {
    if (!done) {
      next = executor.schedule(this::poll, millis, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void poll() {
    if (done) {
      return;
    }
    if (!out.isReady()) {
      // The client reads slower than events come; wait for it rather than buffer without bound.
      schedule(FAST_POLL_MILLIS);
      return;
    }
    EventPage page;
    try {
      page = client.events(agentId, lastSeq);
    } catch (RuntimeException e) {
      finish(() -> out.onError(GrpcErrors.toStatus(e)));
      return;
    }
    int sent = 0;
    for (AgentEvent event : page.events()) {
      if (event.seq() <= lastSeq) {
        continue;
      }
      out.onNext(WatchResponse.newBuilder()
          .setEvent(ProtoMapping.event(event))
          .setSkippedEvents(Math.max(0, event.seq() - lastSeq - 1))
          .build());
      lastSeq = event.seq();
      sent++;
    }
    if (page.stopped() && lastSeq >= page.lastSeq()) {
      finish(out::onCompleted);
      return;
    }
    boolean streaming = partialReplies && sendPartialReply();
    if (lastSeq < page.lastSeq()) {
      delayMillis = 0; // More than one page was waiting.
    } else if (sent > 0 || streaming) {
      delayMillis = FAST_POLL_MILLIS;
    } else {
      delayMillis = Math.min(SLOW_POLL_MILLIS, Math.max(FAST_POLL_MILLIS, delayMillis * 2));
    }
    schedule(delayMillis);
  }

  /**
   * Sends the running model call's text if it changed; returns true while a model call streams.
   * Reading it may fail (Temporal busy, agent just ended): a partial reply is a nicety, so the watch
   * goes on without it.
   */
  private boolean sendPartialReply() {
    String now;
    try {
      now = client.partialReply(agentId).orElse("");
    } catch (RuntimeException e) {
      return false;
    }
    if (now.isEmpty()) {
      // Forgotten between model calls, so that a next call with the very same text is sent again.
      lastPartial = "";
    } else if (!now.equals(lastPartial) && out.isReady()) {
      out.onNext(WatchResponse.newBuilder().setPartialReply(PartialReply.newBuilder().setText(now)).build());
      lastPartial = now;
    }
    return !now.isEmpty();
  }
}
