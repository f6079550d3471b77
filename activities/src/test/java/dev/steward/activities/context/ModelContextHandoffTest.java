package dev.steward.activities.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.workflows.memory.ModelContextView;
import dev.steward.workflows.model.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The handoff keeps each view for one take, within its bounds, and forgets a run on demand. */
class ModelContextHandoffTest {

  private final AtomicLong now = new AtomicLong();

  private static ModelContextHandoff.Key key(String activityId) {
    return new ModelContextHandoff.Key("agent-1", "run-1", activityId, 4);
  }

  private static ModelContextView view(String text) {
    return new ModelContextView("system", List.of(ChatMessage.user(text)));
  }

  @Test
  void aViewIsTakenOnceThenTheActivityMustQuery() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    handoff.put(key("a1"), view("hello"));

    assertThat(handoff.take(key("a1"))).isEqualTo(view("hello"));
    assertThat(handoff.take(key("a1"))).isNull();
    assertThat(handoff.hits()).isEqualTo(1);
    assertThat(handoff.misses()).isEqualTo(1);
    assertThat(handoff.size()).isZero();
  }

  @Test
  void theKeyIsExactActivityIdRunAndPosition() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    handoff.put(key("a1"), view("hello"));

    assertThat(handoff.take(new ModelContextHandoff.Key("agent-1", "run-1", "a2", 4))).isNull();
    assertThat(handoff.take(new ModelContextHandoff.Key("agent-1", "run-2", "a1", 4))).isNull();
    assertThat(handoff.take(new ModelContextHandoff.Key("agent-1", "run-1", "a1", 5))).isNull();
    assertThat(handoff.take(key("a1"))).isNotNull();
  }

  @Test
  void whatIsHandedOverIsACopyTheWorkflowCannotChangeAfterwards() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.user("one")));
    handoff.put(key("a1"), new ModelContextView("system", messages));
    messages.add(ChatMessage.user("two"));

    ModelContextView taken = handoff.take(key("a1"));
    assertThat(taken.messages()).containsExactly(ChatMessage.user("one"));
    assertThatThrownBy(() -> taken.messages().add(ChatMessage.user("three")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theOldestEntriesGoWhenThereAreTooMany() {
    ModelContextHandoff handoff = new ModelContextHandoff(2, 1_000_000, Duration.ofMinutes(1), now::get);
    handoff.put(key("a1"), view("1"));
    handoff.put(key("a2"), view("2"));
    handoff.put(key("a3"), view("3"));

    assertThat(handoff.size()).isEqualTo(2);
    assertThat(handoff.take(key("a1"))).isNull();
    assertThat(handoff.take(key("a3"))).isNotNull();
  }

  @Test
  void theOldestEntriesGoWhenTheyHoldTooManyCharactersAndAHugeViewIsNotKept() {
    // "system" is 6 characters, each message text 4: 10 per view.
    ModelContextHandoff handoff = new ModelContextHandoff(100, 25, Duration.ofMinutes(1), now::get);
    handoff.put(key("a1"), view("1111"));
    handoff.put(key("a2"), view("2222"));
    handoff.put(key("a3"), view("3333"));

    assertThat(handoff.take(key("a1"))).isNull();
    assertThat(handoff.take(key("a2"))).isNotNull();

    handoff.put(key("a4"), view("x".repeat(100)));
    assertThat(handoff.take(key("a4"))).isNull();
    assertThat(handoff.take(key("a3"))).isNotNull();
  }

  @Test
  void anEntryNotTakenInTimeIsDropped() {
    ModelContextHandoff handoff = new ModelContextHandoff(100, 1_000_000, Duration.ofSeconds(60), now::get);
    handoff.put(key("a1"), view("old"));
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    handoff.put(key("a2"), view("newer"));
    now.addAndGet(Duration.ofSeconds(31).toNanos());

    assertThat(handoff.take(key("a1"))).isNull();
    assertThat(handoff.take(key("a2"))).isNotNull();
  }

  @Test
  void forgettingARunDropsOnlyThatRunsViews() {
    ModelContextHandoff handoff = new ModelContextHandoff();
    handoff.put(key("a1"), view("1"));
    handoff.put(new ModelContextHandoff.Key("agent-2", "run-9", "a1", 4), view("other agent"));

    handoff.forgetRun("agent-1", "run-1");

    assertThat(handoff.take(key("a1"))).isNull();
    assertThat(handoff.take(new ModelContextHandoff.Key("agent-2", "run-9", "a1", 4))).isNotNull();
  }

  @Test
  void offKeepsNothing() {
    ModelContextHandoff off = ModelContextHandoff.off();
    off.put(key("a1"), view("1"));

    assertThat(off.enabled()).isFalse();
    assertThat(off.take(key("a1"))).isNull();
  }
}
