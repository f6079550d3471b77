package dev.steward.activities.tools.httptool;

import dev.steward.activities.tools.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills request headers from the worker's environment at call time: {@code ${NAME}} in a value
 * becomes the variable's value, and a {@code credential} becomes {@code Authorization: Bearer}.
 * The spec (and so Temporal's history) holds only the names.
 */
public final class HeaderValues {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private HeaderValues() {}

  /**
   * @param what names the declaration in error messages, e.g. {@code MCP server remote}
   * @throws ToolException naming the missing variable (never its value)
   */
  public static Map<String, String> resolve(Map<String, String> headers, String credential,
      Function<String, String> env, String what) throws ToolException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      Matcher m = VARIABLE.matcher(h.getValue());
      StringBuilder value = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(value, Matcher.quoteReplacement(required(env, m.group(1), what)));
      }
      m.appendTail(value);
      out.put(h.getKey(), value.toString());
    }
    if (credential != null && !credential.isBlank()) {
      out.put("Authorization", "Bearer " + required(env, credential, what));
    }
    return out;
  }

  static String required(Function<String, String> env, String name, String what) throws ToolException {
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      throw new ToolException(what + " needs the environment variable " + name + ", which is not set where the worker runs");
    }
    return value;
  }
}
