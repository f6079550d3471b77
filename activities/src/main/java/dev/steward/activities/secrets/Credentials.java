package dev.steward.activities.secrets;

import dev.steward.network.CredentialHosts;
import java.util.function.Function;

/**
 * Reads a credential from the worker's environment by name. A trailing line break (as a mounted
 * secret file often ends) is trimmed; any other line break or control character is refused, since
 * it would end up in a header. Every value read is handed to the worker's {@link Redactor}.
 *
 * <p>When the worker's operator binds credentials to hosts ({@value CredentialHosts#VARIABLE}, see
 * {@link CredentialHosts}), {@link #readFor} refuses a bound credential for any other host before
 * its value is even read, whatever the spec says.
 */
public final class Credentials {

  private Credentials() {}

  /** Thrown when a variable's value cannot be sent; the message names the variable, never the value. */
  public static final class UnusableCredentialException extends IllegalArgumentException {
    UnusableCredentialException(String message) {
      super(message);
    }
  }

  /**
   * Reads a credential that is about to be sent to {@code host}.
   *
   * @param env reads an environment variable by name, {@value CredentialHosts#VARIABLE} among them
   * @param name the variable's name
   * @param host where the value will be sent, e.g. {@code api.openai.com}; null when unknown (a
   *     credential bound to hosts is then refused)
   * @return as {@link #read}
   * @throws UnusableCredentialException when the credential may not go to {@code host}, or as {@link #read}
   */
  public static String readFor(Function<String, String> env, String name, String host) {
    CredentialHosts binding;
    try {
      binding = CredentialHosts.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      // A broken setting must not let every credential through.
      throw new UnusableCredentialException("the worker's " + e.getMessage());
    }
    var refusal = binding.refusal(name, host);
    if (refusal.isPresent()) {
      throw new UnusableCredentialException("the worker refuses to send it: " + refusal.get() + " (its operator's "
          + CredentialHosts.VARIABLE + "); call one of those hosts, or name another credential");
    }
    return read(env, name);
  }

  /**
   * @param env reads an environment variable by name
   * @param name the variable's name
   * @return the value with trailing line breaks trimmed, or null when unset or empty
   * @throws UnusableCredentialException when the value holds a line break or control character inside
   */
  public static String read(Function<String, String> env, String name) {
    String raw = env.apply(name);
    if (raw == null) {
      return null;
    }
    Redactor.worker().remember(name, raw);
    String value = trimLineBreaks(raw);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new UnusableCredentialException("the environment variable " + name + " holds a "
            + (c == '\r' || c == '\n' ? "line break" : "control character") + " inside its value (at character "
            + (i + 1) + " of " + value.length() + "); only a trailing line break is trimmed, so fix the value");
      }
    }
    return value.isEmpty() ? null : value;
  }

  /** {@code value} without the {@code \n} and {@code \r} at its end. */
  static String trimLineBreaks(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    return value.substring(0, end);
  }
}
