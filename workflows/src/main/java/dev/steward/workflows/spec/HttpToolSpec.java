package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A tool that is one HTTP request, declared in the agent file.
 *
 * <p>The URL is a template: {@code {param}} is replaced by that argument, URL-encoded. Arguments not
 * used in the URL go to the query string ({@code GET}, {@code DELETE}, {@code HEAD}) or to a JSON
 * body (other methods).
 *
 * @param name the tool's name, as the agent lists it under {@code tools}
 * @param description what the tool does, for the model
 * @param method the HTTP method; null for {@code GET}
 * @param url the URL template, e.g. {@code https://api.example.com/tickets/{id}}
 * @param headers request headers; {@code ${NAME}} in a value is replaced by the worker's environment
 *     variable {@code NAME}
 * @param credential name of the worker's environment variable sent as {@code Authorization: Bearer <value>}
 * @param parameters the JSON Schema of the arguments (an object schema); null for any object
 * @param maxBytes the most response-body bytes returned; null for 1 MiB
 * @param timeoutSeconds the most one request may take, in seconds; null for 30
 * @param allowPrivate whether loopback and private-network addresses may be called; null for false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HttpToolSpec(
    String name,
    String description,
    String method,
    String url,
    Map<String, String> headers,
    String credential,
    Map<String, Object> parameters,
    @JsonProperty("max_bytes") Long maxBytes,
    @JsonProperty("timeout_seconds") Integer timeoutSeconds,
    @JsonProperty("allow_private") Boolean allowPrivate) {

  public HttpToolSpec {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
