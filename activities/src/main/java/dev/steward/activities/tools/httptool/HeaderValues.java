package dev.steward.activities.tools.httptool;

import dev.steward.activities.secrets.Credentials;
import dev.steward.activities.secrets.HeaderRules;
import dev.steward.activities.tools.ToolException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills request headers from the worker's environment at call time: {@code ${NAME}} in a value
 * becomes the variable's value, and a {@code credential} becomes {@code Authorization: Bearer}.
 * The spec (and so Temporal's history) holds only the names. Values are read through
 * {@link Credentials} (a trailing line break trimmed, one inside refused) and the headers are
 * checked before use, so no error quotes a value. A credential the worker's operator bound to hosts
 * ({@link Credentials#readFor}) is filled in only for a request to one of them.
 */
public final class HeaderValues {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private HeaderValues() {}

  /**
   * @param url where the request goes; its host decides whether a bound credential may be filled in
   * @param what names the declaration in error messages, e.g. {@code MCP server remote}
   * @throws ToolException naming the missing or unusable variable and the header (never its value)
   */
  public static Map<String, String> resolve(Map<String, String> headers, String credential,
      Function<String, String> env, String url, String what) throws ToolException {
    String host = hostOf(url);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      Matcher m = VARIABLE.matcher(h.getValue());
      StringBuilder value = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(value,
            Matcher.quoteReplacement(required(env, m.group(1), host, what + " (header " + h.getKey() + ")")));
      }
      m.appendTail(value);
      out.put(h.getKey(), value.toString());
    }
    if (credential != null && !credential.isBlank()) {
      out.put("Authorization", "Bearer " + required(env, credential.trim(), host, what + " (its credential)"));
    }
    var problem = HeaderRules.problem(out);
    if (problem.isPresent()) {
      throw new ToolException(what + ": " + problem.get());
    }
    return out;
  }

  static String required(Function<String, String> env, String name, String host, String what) throws ToolException {
    String value;
    try {
      value = Credentials.readFor(env, name, host);
    } catch (Credentials.UnusableCredentialException e) {
      throw new ToolException(what + ": " + e.getMessage());
    }
    if (value == null) {
      throw new ToolException(what + " needs the environment variable " + name + ", which is not set where the worker runs");
    }
    return value;
  }

  /** The URL's host; null when it has none that can be read, so that a bound credential is refused. */
  static String hostOf(String url) {
    try {
      return url == null ? null : URI.create(url.strip()).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
