package dev.steward.workflows.agent.conversation;

import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Messages waiting for their turn, the ids of recent ones (so a message sent twice is taken once),
 * and the outcomes that {@code ask} callers wait for.
 */
public final class Inbox {

  private static final int SEEN_IDS_KEPT = 1_000;

  private final List<UserMessage> waiting;
  private final Set<String> seenIds;
  /** Message ids whose sender waits in {@code ask} for the turn's outcome. */
  private final Set<String> awaited = new LinkedHashSet<>();
  private final Map<String, TurnOutcome> outcomes = new LinkedHashMap<>();

  public Inbox(Collection<UserMessage> carried, Collection<String> carriedSeenIds) {
    this.waiting = new ArrayList<>(carried);
    this.seenIds = new LinkedHashSet<>(carriedSeenIds);
  }

  /** The message's own id, or a fresh one when it came without. */
  public static String idOf(UserMessage message) {
    return message.id() == null || message.id().isBlank() ? "m-" + Workflow.randomUUID() : message.id();
  }

  /** Adds the message under {@code id}; false (nothing added) when that id was seen before. */
  public boolean add(String id, UserMessage message) {
    if (!seenIds.add(id)) {
      return false;
    }
    while (seenIds.size() > SEEN_IDS_KEPT) {
      seenIds.remove(seenIds.iterator().next());
    }
    waiting.add(new UserMessage(id, message.text(), message.sender(), message.replyTo()));
    return true;
  }

  /** A sub-agent's task: the first message, taken without the checks a caller's message gets. */
  public void addTask(UserMessage task) {
    waiting.add(task);
    seenIds.add(task.id());
  }

  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  public int size() {
    return waiting.size();
  }

  public boolean seen(String id) {
    return seenIds.contains(id);
  }

  /** True when a message from {@code sender} still waits. */
  public boolean hasFrom(String sender) {
    return waiting.stream().anyMatch(m -> sender.equals(m.sender()));
  }

  /** Takes the waiting message with this id out of the inbox; null when none waits. */
  public UserMessage remove(String id) {
    for (int i = 0; i < waiting.size(); i++) {
      if (id.equals(waiting.get(i).id())) {
        return waiting.remove(i);
      }
    }
    return null;
  }

  public UserMessage next() {
    return waiting.remove(0);
  }

  /** Hands every waiting message to {@code each}, oldest first, then empties the inbox. */
  public void drain(Consumer<UserMessage> each) {
    for (UserMessage m : waiting) {
      each.accept(m);
    }
    waiting.clear();
  }

  public List<UserMessage> messages() {
    return List.copyOf(waiting);
  }

  public List<String> seenIds() {
    return new ArrayList<>(seenIds);
  }

  /** Blocks the calling handler until the turn of message {@code id} has an outcome. */
  public TurnOutcome awaitOutcome(String id) {
    awaited.add(id);
    Workflow.await(() -> outcomes.containsKey(id));
    awaited.remove(id);
    return outcomes.remove(id);
  }

  /** Hands the outcome to the {@code ask} that waits for {@code message}, if one does. */
  public void answered(UserMessage message, TurnOutcome outcome) {
    if (awaited.contains(message.id())) {
      outcomes.put(message.id(), outcome);
    }
  }
}
