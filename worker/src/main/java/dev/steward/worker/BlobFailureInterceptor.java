package dev.steward.worker;

import dev.steward.payloads.BlobUnavailableException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;

/**
 * Makes an activity that could not read a blob fail at once, with the blob's message. An activity
 * that reads its agent's context by query gets the blob failure wrapped in a client exception, which
 * Temporal would retry like any other; a retry on the same worker would fail the same way.
 */
final class BlobFailureInterceptor extends WorkerInterceptorBase {

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (ApplicationFailure e) {
          throw e.isNonRetryable() || !BlobUnavailableException.isCause(e) ? e : nonRetryable(e);
        } catch (RuntimeException e) {
          throw BlobUnavailableException.isCause(e) ? nonRetryable(e) : e;
        }
      }
    };
  }

  private static ApplicationFailure nonRetryable(RuntimeException e) {
    return ApplicationFailure.newBuilder().setType(BlobUnavailableException.TYPE).setNonRetryable(true)
        .setMessage(BlobUnavailableException.messageOf(e)).setCause(e).build();
  }
}
