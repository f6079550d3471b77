package dev.steward.activities.secrets;

import java.util.Map;
import java.util.Optional;

/**
 * Checks request headers before they reach an HTTP client, whose own error would quote the value
 * (a credential, often). The problem found names the header only.
 */
public final class HeaderRules {

  private HeaderRules() {}

  /** What is wrong with the first bad header, e.g. {@code header Authorization has a line break in its value}. */
  public static Optional<String> problem(Map<String, String> headers) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!isToken(h.getKey())) {
        return Optional.of("a header name is not a valid HTTP token (" + h.getKey().length() + " characters)");
      }
      String value = h.getValue() == null ? "" : h.getValue();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n') {
          return Optional.of("header " + h.getKey() + " has a line break in its value");
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
          return Optional.of("header " + h.getKey() + " has a character its value cannot carry (at character "
              + (i + 1) + ")");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
