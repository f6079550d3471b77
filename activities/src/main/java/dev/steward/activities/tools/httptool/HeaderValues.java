package dev.steward.activities.tools.httptool;

import dev.steward.activities.secrets.Credentials;
import dev.steward.activities.secrets.HeaderRules;
import dev.steward.activities.tools.ToolException;
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
 * checked before use, so no error quotes a value.
 */
public final class HeaderValues {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private HeaderValues() {}

  /**
   * @param what names the declaration in error messages, e.g. {@code MCP server remote}
   * @throws ToolException naming the missing or unusable variable and the header (never its value)
   */
  public static Map<String, String> resolve(Map<String, String> headers, String credential,
      Function<String, String> env, String what) throws ToolException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      Matcher m = VARIABLE.matcher(h.getValue());
      StringBuilder value = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(value,
            Matcher.quoteReplacement(required(env, m.group(1), what + " (header " + h.getKey() + ")")));
      }
      m.appendTail(value);
      out.put(h.getKey(), value.toString());
    }
    if (credential != null && !credential.isBlank()) {
      out.put("Authorization", "Bearer " + required(env, credential.trim(), what + " (its credential)"));
    }
    var problem = HeaderRules.problem(out);
    if (problem.isPresent()) {
      throw new ToolException(what + ": " + problem.get());
    }
    return out;
  }

  static String required(Function<String, String> env, String name, String what) throws ToolException {
    String value;
    try {
      value = Credentials.read(env, name);
    } catch (Credentials.UnusableCredentialException e) {
      throw new ToolException(what + ": " + e.getMessage());
    }
    if (value == null) {
      throw new ToolException(what + " needs the environment variable " + name + ", which is not set where the worker runs");
    }
    return value;
  }
}
