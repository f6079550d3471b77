package dev.steward.activities.model.stream;

/**
 * Where a streaming provider reports the text it has received so far. Implementations must be
 * cheap to call once per token.
 */
public interface PartialReply {

  /** Reports nothing; for calls made outside an activity (tests, tools). */
  PartialReply NONE = new PartialReply() {
    @Override
    public void append(String delta) {}

    @Override
    public boolean stopped() {
      return false;
    }
  };

  /** Adds {@code delta} (a piece of the reply's text, possibly empty) to the partial reply. */
  void append(String delta);

  /**
   * True when the caller no longer wants the reply (the activity was cancelled or timed out); a
   * provider should then cancel its stream.
   */
  boolean stopped();
}
