package dev.steward.workflows.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Event and detail lines read the same as when they were shaped with a regular expression. */
class TextTest {

  private static final String ALPHABET = "ab _\t\n\r\f\u000B\u00A0\u2003\u0001…é";

  @Test
  void foldsWhiteSpaceExactlyAsTheRegexDid() {
    Random random = new Random(15);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = s.toString();
      assertThat(Text.oneSpace(text)).as("'%s'", text).isEqualTo(text.replaceAll("\\s+", " "));
      for (int max = 1; max < 6; max++) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        String expected = oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
        assertThat(Text.abbreviate(text, max)).isEqualTo(expected);
      }
    }
  }

  @Test
  void abbreviatesNullAsEmptyAndLeavesPlainTextAlone() {
    assertThat(Text.abbreviate(null, 10)).isEmpty();
    String plain = "turn 3: hello world";
    assertThat(Text.abbreviate(plain, 100)).isSameAs(plain);
    assertThat(Text.abbreviate("  a\n\n b  ", 100)).isEqualTo("a b");
  }
}
