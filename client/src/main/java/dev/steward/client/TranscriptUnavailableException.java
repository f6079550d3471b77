package dev.steward.client;

/**
 * Part of an agent's transcript is in a segment this process cannot read: the blob store is not
 * configured here ({@code STEWARD_BLOBS}), unreachable, or the blob is missing. The message names the
 * segment and the store.
 */
public class TranscriptUnavailableException extends StewardException {

  public TranscriptUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
