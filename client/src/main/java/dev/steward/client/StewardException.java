package dev.steward.client;

/**
 * Anything Steward's client reports to its caller. Every message is written for a person: it says
 * what went wrong and, where it can, what to do about it.
 */
public class StewardException extends RuntimeException {

  public StewardException(String message) {
    super(message);
  }

  public StewardException(String message, Throwable cause) {
    super(message, cause);
  }
}
