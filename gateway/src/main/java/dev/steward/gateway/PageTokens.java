package dev.steward.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens. They are only base64 of a position, not secrets: every request is scoped to
 * the caller's tenant anyway, so a forged token can at most skip around the caller's own data.
 */
final class PageTokens {

  private PageTokens() {}

  static String encode(String position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position in a token made by {@link #encode} with the given prefix.
   *
   * @throws BadRequestException for anything else
   */
  static String decode(String token, String prefix) {
    String position;
    try {
      position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!position.startsWith(prefix)) {
      throw invalid();
    }
    return position.substring(prefix.length());
  }

  /** A transcript token: the sequence number of the next page's first entry. */
  static long transcriptStart(String token) {
    if (token == null || token.isEmpty()) {
      return 1;
    }
    try {
      long seq = Long.parseLong(decode(token, "t1:"));
      if (seq < 1) {
        throw invalid();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  static String transcriptToken(long nextSeq) {
    return nextSeq <= 0 ? "" : encode("t1:" + nextSeq);
  }

  static BadRequestException invalid() {
    return new BadRequestException("page_token", "is not a next_page_token from an earlier call with the same filters");
  }
}
