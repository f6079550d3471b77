package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A turn costs the same history at turn 60 as at turn 10: the conversation is not copied into
 * history on every model call. (The full figures, to turn 1,000, come from bench/history-growth.)
 */
class HistoryGrowthTest {

  @Test
  void historyPerTurnStaysFlatAsTheConversationGrows() {
    List<HistoryGrowth.TurnBytes> bytes = HistoryGrowth.run(60, t -> t == 10 || t == 60);

    assertThat(bytes).hasSize(2);
    HistoryGrowth.TurnBytes early = bytes.get(0);
    HistoryGrowth.TurnBytes late = bytes.get(1);
    assertThat((double) late.byReference() / early.byReference()).isLessThanOrEqualTo(1.5);
    // The inline design grows with the conversation; this is what the reference design avoids.
    assertThat(late.inline()).isGreaterThan(3 * early.inline());
  }
}
