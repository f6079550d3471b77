package dev.steward.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls a service stub makes to the Temporal server, by method, when each call ends.
 * Counting at the end (not the start) makes a long poll count once it has brought back a task (or
 * timed out), so the counts over a measured stretch are the calls that stretch caused.
 */
public final class CallCounter implements ClientInterceptor {

  private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    String name = method.getBareMethodName();
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            ended.computeIfAbsent(name, k -> new LongAdder()).increment();
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }

  /** The counts so far, by method name, sorted by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    ended.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  /** What {@code after} has more than {@code before}, by method; methods with no difference left out. */
  public static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((k, v) -> {
      long d = v - before.getOrDefault(k, 0L);
      if (d != 0) {
        delta.put(k, d);
      }
    });
    return delta;
  }
}
