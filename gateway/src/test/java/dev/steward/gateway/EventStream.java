package dev.steward.gateway;

import dev.steward.gateway.client.StewardGrpcClient;
import dev.steward.proto.v1.AgentEvent;
import dev.steward.proto.v1.WatchRequest;
import dev.steward.proto.v1.WatchResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Watch call read one event at a time from a test, cancellable at any point (like a client that drops). */
final class EventStream implements AutoCloseable {

  private static final Object END = new Object();
  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile ClientCallStreamObserver<WatchRequest> call;

  /** Partial replies read so far by {@link #until}, in the order they came. */
  final List<String> partials = new ArrayList<>();

  EventStream(StewardGrpcClient client, String agentId, long afterSeq) {
    this(client, agentId, afterSeq, false);
  }

  EventStream(StewardGrpcClient client, String agentId, long afterSeq, boolean partialReplies) {
    client.asyncStub().watch(WatchRequest.newBuilder().setName(StewardGrpcClient.name(agentId)).setAfterSeq(afterSeq)
        .setPartialReplies(partialReplies).build(), new ClientResponseObserver<WatchRequest, WatchResponse>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
            call = requestStream;
          }

          @Override
          public void onNext(WatchResponse value) {
            items.add(value);
          }

          @Override
          public void onError(Throwable t) {
            items.add(t);
          }

          @Override
          public void onCompleted() {
            items.add(END);
          }
        });
  }

  /** The next message; fails on an error, the end of the stream, or 60 s of silence. */
  WatchResponse next() throws InterruptedException {
    Object item = items.poll(60, TimeUnit.SECONDS);
    if (item instanceof WatchResponse r) {
      return r;
    }
    if (item instanceof Throwable t) {
      throw new AssertionError("watch failed", t);
    }
    throw new AssertionError(item == END ? "watch ended" : "no event within 60 s");
  }

  /** Events up to and including the first of {@code type}; partial replies on the way go to {@link #partials}. */
  List<AgentEvent> until(AgentEvent.Type type) throws InterruptedException {
    List<AgentEvent> events = new ArrayList<>();
    do {
      WatchResponse r = next();
      if (r.hasPartialReply()) {
        partials.add(r.getPartialReply().getText());
        continue;
      }
      events.add(r.getEvent());
    } while (events.isEmpty() || events.get(events.size() - 1).getType() != type);
    return events;
  }

  /** The error or end the stream finished with: a Throwable, or null for a normal end. */
  Throwable outcome() throws InterruptedException {
    while (true) {
      Object item = items.poll(60, TimeUnit.SECONDS);
      if (item == END) {
        return null;
      }
      if (item instanceof Throwable t) {
        return t;
      }
      if (item == null) {
        throw new AssertionError("the watch neither ended nor failed within 60 s");
      }
    }
  }

  @Override
  public void close() {
    if (call != null) {
      call.cancel("test done", null);
    }
  }
}
