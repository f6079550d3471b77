package dev.steward.payloads;

import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.workflow.unsafe.WorkflowUnsafe;

/**
 * A blob that history refers to cannot be read here: the store is unreachable, the object is
 * missing, or this process is configured with another store. Retrying the same read on the same
 * process would not help, so outside workflow code it travels as a non-retryable
 * {@link ApplicationFailure} of type {@value #TYPE}; see {@link #raise}.
 */
public final class BlobUnavailableException extends PayloadCodecException {

  /** The failure type activities and clients see. */
  public static final String TYPE = "BlobUnavailable";

  private BlobUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The error for a blob that cannot be read, as the calling thread needs it. In workflow code it is
   * this (not a Temporal failure), so the agent's own error handling turns it into a failed step
   * rather than failing the whole agent. Elsewhere (activities, clients) it is a non-retryable
   * application failure, so the activity fails at once with this message instead of retrying.
   */
  static RuntimeException raise(String key, String writtenTo, BlobStore store, Throwable cause) {
    String message = "cannot read blob " + key
        + (writtenTo == null || writtenTo.equals(store.describe()) ? "" : " (written to " + writtenTo + ")")
        + " from " + store.describe() + ": " + cause.getMessage()
        + "; every Steward process (worker, gateway, CLI) must use the same blob store (STEWARD_BLOBS)";
    if (WorkflowUnsafe.isWorkflowThread()) {
      return new BlobUnavailableException(message, cause);
    }
    return ApplicationFailure.newBuilder().setMessage(message).setType(TYPE).setNonRetryable(true).setCause(cause)
        .build();
  }

  /** Whether {@code error} or one of its causes says a blob could not be read. */
  public static boolean isCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BlobUnavailableException
          || t instanceof ApplicationFailure a && TYPE.equals(a.getType())) {
        return true;
      }
    }
    return false;
  }

  /** The message of the first blob failure in {@code error}'s causes, or null. */
  public static String messageOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BlobUnavailableException) {
        return t.getMessage();
      }
      if (t instanceof ApplicationFailure a && TYPE.equals(a.getType())) {
        return a.getOriginalMessage();
      }
    }
    return null;
  }
}
