package dev.steward.activities.model.http;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model provider answered with a non-2xx status. Unlike LangChain4j's own {@link HttpException}
 * it keeps the response headers, so {@code Retry-After} can steer Temporal's next retry. The
 * message is the response body, as in the parent class.
 */
public class ProviderHttpException extends HttpException {

  private final Map<String, List<String>> headers;

  public ProviderHttpException(int statusCode, String body, Map<String, List<String>> headers) {
    super(statusCode, body);
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (name != null) {
          copy.put(name, List.copyOf(values));
        }
      });
    }
    this.headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** The response headers; names are case-insensitive. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
