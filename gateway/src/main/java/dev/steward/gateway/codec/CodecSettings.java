package dev.steward.gateway.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the codec endpoint answers browsers: which Web UI origins may call it (CORS), and which
 * namespace it serves.
 *
 * @param uiOrigins origins allowed to call from a browser, e.g. {@code http://localhost:8233};
 *     {@code STEWARD_CODEC_UI_ORIGINS} (comma separated), default {@value #DEFAULT_UI_ORIGIN}
 * @param namespace the namespace whose payloads it decodes; a request whose {@code X-Namespace}
 *     names another is refused. {@code TEMPORAL_NAMESPACE}, default {@code default}
 */
public record CodecSettings(List<String> uiOrigins, String namespace) {

  public static final String UI_ORIGINS_VARIABLE = "STEWARD_CODEC_UI_ORIGINS";
  public static final String DEFAULT_UI_ORIGIN = "http://localhost:8233";
  /** Where the gateway and {@code steward codec-server} serve the protocol: {@code /codec/encode}, {@code /codec/decode}. */
  public static final String PATH = "/codec";

  public CodecSettings {
    uiOrigins = List.copyOf(uiOrigins);
    if (uiOrigins.isEmpty()) {
      throw new IllegalArgumentException(UI_ORIGINS_VARIABLE + ": name at least one origin, e.g. " + DEFAULT_UI_ORIGIN);
    }
    for (String origin : uiOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(UI_ORIGINS_VARIABLE + ": '" + origin
            + "' is not an origin; expected scheme://host[:port], e.g. " + DEFAULT_UI_ORIGIN);
      }
    }
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace.trim();
  }

  public static CodecSettings fromEnvironment(Map<String, String> env) {
    String origins = env.get(UI_ORIGINS_VARIABLE);
    List<String> list = origins == null || origins.isBlank() ? List.of(DEFAULT_UI_ORIGIN)
        : Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new CodecSettings(list, env.get("TEMPORAL_NAMESPACE"));
  }

  public CodecSettings withUiOrigins(List<String> origins) {
    return new CodecSettings(origins, namespace);
  }

  public CodecSettings withNamespace(String namespace) {
    return new CodecSettings(uiOrigins, namespace);
  }
}
