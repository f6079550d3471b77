package dev.steward.workflows.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Tools imported from an OpenAPI 3 document: one tool per operation, named
 * {@code <name>.<operationId>}. The document's text travels with the spec, so any worker can run
 * the tools without the file.
 *
 * @param name the prefix of the tools' names, e.g. {@code petstore}
 * @param source where the document was read from, for people (e.g. {@code petstore.yaml})
 * @param document the OpenAPI 3 document itself (YAML or JSON text)
 * @param baseUrl the API's base URL; null for the document's first server
 * @param operations operationIds to import; empty with empty {@code tags} imports every operation
 * @param tags import the operations with any of these tags
 * @param headers request headers; {@code ${NAME}} in a value is replaced by the worker's environment variable
 * @param credential name of the worker's environment variable sent as {@code Authorization: Bearer <value>}
 * @param maxBytes the most response-body bytes returned; null for 1 MiB
 * @param timeoutSeconds the most one request may take, in seconds; null for 30
 * @param allowPrivate whether loopback and private-network addresses may be called; null for false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpenApiSpec(
    String name,
    String source,
    String document,
    @JsonProperty("base_url") String baseUrl,
    List<String> operations,
    List<String> tags,
    Map<String, String> headers,
    String credential,
    @JsonProperty("max_bytes") Long maxBytes,
    @JsonProperty("timeout_seconds") Integer timeoutSeconds,
    @JsonProperty("allow_private") Boolean allowPrivate) {

  public OpenApiSpec {
    operations = operations == null ? List.of() : List.copyOf(operations);
    tags = tags == null ? List.of() : List.copyOf(tags);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** Whether an operation with this id and these tags is imported. */
  public boolean selects(String operationId, List<String> operationTags) {
    if (operations.isEmpty() && tags.isEmpty()) {
      return true;
    }
    return operations.contains(operationId)
        || (operationTags != null && operationTags.stream().anyMatch(tags::contains));
  }
}
