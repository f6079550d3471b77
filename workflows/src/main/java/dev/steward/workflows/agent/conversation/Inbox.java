package dev.steward.workflows.agent.conversation;

import dev.steward.workflows.agent.EmptyUntilUsed;
import dev.steward.workflows.agent.TurnOutcome;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.agent.journal.StateBounds;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Messages waiting for their turn, the ids of recent ones (so a message sent twice is taken once),
 * and the outcomes that {@code ask} callers wait for.
 *
 * <p>A client that retries a send (its call failed, it cannot know whether the message arrived) must
 * not start a second turn. Since change id {@code bounded-carried-state} the inbox catches a retry
 * while the message waits (however long the backlog), while its turn runs, and until
 * {@link StateBounds#MESSAGE_IDS_KEPT} later messages with ids of their own were accepted; before it,
 * the last 1,000 ids of any message.
 */
public final class Inbox {

  private final List<UserMessage> waiting;
  private final Set<String> seenIds;
  /** Message ids whose sender waits in {@code ask} for the turn's outcome. */
  // Both shared empty while no ask waits (EmptyUntilUsed): an idle agent holds neither.
  private Set<String> awaited = Collections.emptySet();
  private Map<String, TurnOutcome> outcomes = Collections.emptyMap();
  /** How many ids to keep; 0 until the run's first message asked the workflow's version. */
  private int idsKept;
  /** The id of the message whose turn runs or ran last (not carried: a run continues as new between turns). */
  private String taken;

  public Inbox(Collection<UserMessage> carried, Collection<String> carriedSeenIds) {
    this.waiting = new ArrayList<>(carried);
    this.seenIds = new LinkedHashSet<>(carriedSeenIds);
  }

  /** The message's own id, or a fresh one when it came without. */
  public static String idOf(UserMessage message) {
    return hasOwnId(message) ? message.id() : "m-" + Workflow.randomUUID();
  }

  private static boolean hasOwnId(UserMessage message) {
    return message.id() != null && !message.id().isBlank();
  }

  /** Adds the message under {@code id}; false (nothing added) when that id was seen before. */
  public boolean add(String id, UserMessage message) {
    if (idsKept == 0) {
      idsKept = StateBounds.bounded() ? StateBounds.MESSAGE_IDS_KEPT : StateBounds.MESSAGE_IDS_KEPT_BEFORE;
    }
    if (bounded() && (waits(id) || id.equals(taken))) {
      return false;
    }
    if (bounded() && !hasOwnId(message)) {
      // A made-up id never recurs: nothing to catch, so it takes no room in the window.
      waiting.add(new UserMessage(id, message.text(), message.sender(), message.replyTo()));
      return true;
    }
    if (!seenIds.add(id)) {
      return false;
    }
    while (seenIds.size() > idsKept) {
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

  /** True when a message with this id was taken (recently, or it still waits or runs). */
  public boolean seen(String id) {
    return seenIds.contains(id) || bounded() && (waits(id) || id.equals(taken));
  }

  /** The smaller window, known once the run took its first message; before, only the ids kept answer. */
  private boolean bounded() {
    return idsKept == StateBounds.MESSAGE_IDS_KEPT;
  }

  private boolean waits(String id) {
    return waiting.stream().anyMatch(m -> id.equals(m.id()));
  }

  /** True when the message with this id is the only one waiting. */
  public boolean onlyWaiting(String id) {
    return waiting.size() == 1 && id.equals(waiting.get(0).id());
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
    UserMessage next = waiting.remove(0);
    taken = next.id();
    return next;
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
    expect(id);
    Workflow.await(() -> outcomes.containsKey(id));
    awaited.remove(id);
    awaited = EmptyUntilUsed.shrunk(awaited);
    TurnOutcome outcome = outcomes.remove(id);
    outcomes = EmptyUntilUsed.shrunk(outcomes);
    return outcome;
  }

  /** Keeps the outcome of message {@code id}'s turn for the {@code ask} that will wait for it. */
  public void expect(String id) {
    awaited = EmptyUntilUsed.toWrite(awaited);
    awaited.add(id);
  }

  /** Hands the outcome to the {@code ask} that waits for {@code message}, if one does. */
  public void answered(UserMessage message, TurnOutcome outcome) {
    if (awaited.contains(message.id())) {
      outcomes = EmptyUntilUsed.toWrite(outcomes);
      outcomes.put(message.id(), outcome);
    }
  }
}
