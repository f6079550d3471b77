package dev.steward.gateway;

import io.grpc.Context;

/**
 * Who is calling, as established by {@link CallerInterceptor}: the tenant every request is scoped to,
 * and when the caller stops waiting.
 *
 * @param tenant the caller's tenant; {@code default} when auth is off
 * @param deadlineNanos the caller's gRPC deadline on {@link System#nanoTime()}'s clock; 0 when none was sent
 */
record Caller(String tenant, long deadlineNanos) {

  static final Context.Key<Caller> KEY = Context.key("steward-caller");

  /** The caller of the current call. */
  static Caller current() {
    Caller caller = KEY.get();
    if (caller == null) {
      throw new IllegalStateException("no caller: the CallerInterceptor is not installed");
    }
    return caller;
  }

  /** Nanoseconds until the caller's deadline, or {@link Long#MAX_VALUE} when it set none. */
  long remainingNanos() {
    return deadlineNanos == 0 ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
  }
}
