package dev.steward.workflows.model;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of chat messages that knows how many characters they hold, so that the model
 * context's size is counted once, when the list is made, and not again by everyone who passes it on
 * (the worker's context handoff, a provider's usage estimate). It is an ordinary {@code List} to
 * everyone else: Jackson writes it as a JSON array like any other list.
 *
 * <p>The characters of a message are those of its text, and of the name and arguments of each tool
 * call it makes ({@link #charsOf(ChatMessage)}). Subclasses must be immutable, and safe to read from
 * any thread once published.
 */
public abstract class CountedMessages extends AbstractList<ChatMessage> implements RandomAccess {

  protected CountedMessages() {}

  /** The characters of every message in this list. */
  public abstract long chars();

  /** {@code messages} as they are when already counted, else copied and counted. */
  public static CountedMessages of(List<ChatMessage> messages) {
    if (messages instanceof CountedMessages counted) {
      return counted;
    }
    return new Copy(messages);
  }

  /** The characters of {@code messages}: counted when they were listed, else counted now. */
  public static long charsOf(List<ChatMessage> messages) {
    if (messages instanceof CountedMessages counted) {
      return counted.chars();
    }
    long n = 0;
    for (ChatMessage m : messages) {
      n += charsOf(m);
    }
    return n;
  }

  /** The characters of one message: its text, and each tool call's name and arguments. */
  public static long charsOf(ChatMessage m) {
    long n = m.text().length();
    for (ToolCall c : m.toolCalls()) {
      n += (c.name() == null ? 0 : c.name().length()) + (c.arguments() == null ? 0 : c.arguments().length());
    }
    return n;
  }

  /** A counted copy of any list. */
  private static final class Copy extends CountedMessages {

    private final List<ChatMessage> messages;
    private final long chars;

    Copy(List<ChatMessage> messages) {
      this.messages = List.copyOf(messages);
      this.chars = charsOf(this.messages);
    }

    @Override
    public long chars() {
      return chars;
    }

    @Override
    public ChatMessage get(int index) {
      return messages.get(index);
    }

    @Override
    public int size() {
      return messages.size();
    }
  }
}
