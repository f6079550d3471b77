package dev.steward.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Map;

/** The person at the keyboard, if there is one: where lines are read from and whether to ask questions. */
public final class Terminal {

  private final BufferedReader in;
  private final boolean interactive;

  public Terminal(InputStream in, boolean interactive) {
    this.in = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
    this.interactive = interactive;
  }

  /** Standard input; interactive when it is a terminal and {@code CI} is not set. */
  public static Terminal system() {
    return new Terminal(System.in, System.console() != null && !isCi(System.getenv()));
  }

  static boolean isCi(Map<String, String> env) {
    String ci = env.get("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  /** True when a person can answer questions. */
  public boolean interactive() {
    return interactive;
  }

  /** Everything left on standard input, for a message piped in. */
  public String readAll() {
    StringBuilder all = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        all.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
    return all.toString();
  }

  /** The next line, or null at the end of input. */
  public String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
  }
}
