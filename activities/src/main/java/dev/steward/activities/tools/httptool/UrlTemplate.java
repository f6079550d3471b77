package dev.steward.activities.tools.httptool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.steward.activities.tools.ToolException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {param}} in a URL template from the arguments, each value URL-encoded. */
public final class UrlTemplate {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

  private UrlTemplate() {}

  /** The names the template uses. */
  public static Set<String> names(String template) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PARAM.matcher(template);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * The template with every {@code {name}} replaced by its argument, percent-encoded (so a value
   * cannot add path segments or query parameters).
   *
   * @throws ToolException when an argument the template needs is missing
   */
  public static String expand(String template, JsonNode arguments) throws ToolException {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      JsonNode value = arguments.get(m.group(1));
      if (value == null || value.isNull()) {
        throw new ToolException("missing argument '" + m.group(1) + "', which the URL needs");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(encode(text(value))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code url} with {@code query} appended (a name may repeat), names and values percent-encoded. */
  public static String withQuery(String url, List<Map.Entry<String, String>> query) {
    if (query.isEmpty()) {
      return url;
    }
    StringBuilder out = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
    boolean first = true;
    for (Map.Entry<String, String> e : query) {
      if (!first) {
        out.append('&');
      }
      out.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
      first = false;
    }
    return out.toString();
  }

  /** Query pairs for one argument: an array repeats the name (OpenAPI's default form style). */
  public static List<Map.Entry<String, String>> pairs(String name, JsonNode value) {
    if (value.isArray()) {
      List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
      value.forEach(v -> out.add(Map.entry(name, text(v))));
      return out;
    }
    return List.of(Map.entry(name, text(value)));
  }

  /** A scalar as plain text; arrays and objects as JSON. */
  public static String text(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  static String encode(String value) {
    // URLEncoder is form encoding; a space must be %20 in paths as well.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
