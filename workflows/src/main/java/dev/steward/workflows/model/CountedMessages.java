package dev.steward.workflows.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of chat messages that knows how many characters they hold, so that the model
 * context's size is counted once, when the list is made, and not again by everyone who passes it on
 * (the token estimate, the worker's context handoff, a provider's usage estimate). It is an ordinary
 * {@code List} to everyone else: Jackson writes it as a JSON array like any other list.
 *
 * <p>The characters of a message are those of its text, and of the name and arguments of each tool
 * call it makes ({@link #charsOf(ChatMessage)}).
 */
public final class CountedMessages extends AbstractList<ChatMessage> implements RandomAccess {

  private static final ChatMessage[] NONE = new ChatMessage[0];

  /** An optional first message (the summary), then {@code items[0..size)}. */
  private final ChatMessage head;
  private final ChatMessage[] items;
  private final int size;
  private final long chars;

  private CountedMessages(ChatMessage head, ChatMessage[] items, int size, long chars) {
    this.head = head;
    this.items = items;
    this.size = size;
    this.chars = chars;
  }

  /** {@code messages}, copied and counted. */
  public static CountedMessages of(List<ChatMessage> messages) {
    if (messages instanceof CountedMessages counted) {
      return counted;
    }
    ChatMessage[] copy = messages.toArray(NONE);
    long chars = 0;
    for (ChatMessage m : copy) {
      chars += charsOf(Objects.requireNonNull(m, "message"));
    }
    return new CountedMessages(null, copy, copy.length, chars);
  }

  /** The characters of every message in this list. */
  public long chars() {
    return chars;
  }

  /** The characters of {@code messages}: counted when they were listed, else counted now. */
  public static long charsOf(List<ChatMessage> messages) {
    if (messages instanceof CountedMessages counted) {
      return counted.chars;
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

  @Override
  public ChatMessage get(int index) {
    Objects.checkIndex(index, size());
    if (head == null) {
      return items[index];
    }
    return index == 0 ? head : items[index - 1];
  }

  @Override
  public int size() {
    return head == null ? size : size + 1;
  }

  /**
   * Messages that only grow at the end, whose prefixes are handed out as {@link CountedMessages}
   * without copying: an added message goes into a slot no earlier list can see, and a full array is
   * replaced rather than written over. Not thread-safe: one writer; the lists it hands out are
   * immutable and may be read by any thread once published safely.
   */
  public static final class Growing {

    private ChatMessage[] items = NONE;
    private int size;
    private long chars;

    public Growing() {}

    /** The messages {@code from} on of {@code other}, as a new run. */
    public Growing(Growing other, int from) {
      items = Arrays.copyOfRange(other.items, from, Math.max(from, other.size));
      size = items.length;
      chars = other.chars;
      for (int i = 0; i < from; i++) {
        chars -= charsOf(other.items[i]);
      }
    }

    public void add(ChatMessage m) {
      if (size == items.length) {
        items = Arrays.copyOf(items, Math.max(16, size * 2));
      }
      items[size++] = Objects.requireNonNull(m, "message");
      chars += charsOf(m);
    }

    public int size() {
      return size;
    }

    /** The characters of every message added. */
    public long chars() {
      return chars;
    }

    /**
     * The first {@code count} messages, after {@code head} when it is not null, as an immutable
     * list. Counts only the messages left out, so it is cheap when {@code count} is near the size.
     */
    public CountedMessages prefix(ChatMessage head, int count) {
      if (count < 0 || count > size) {
        throw new IndexOutOfBoundsException("prefix of " + count + " messages out of " + size);
      }
      long n = chars + (head == null ? 0 : charsOf(head));
      for (int i = count; i < size; i++) {
        n -= charsOf(items[i]);
      }
      return new CountedMessages(head, items, count, n);
    }
  }
}
