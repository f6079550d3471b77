package dev.steward.gateway.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the codec endpoint answers browsers: which Web UI origins may call it (CORS), and which
 * namespace it serves.
 *
 * @param uiOrigins origins allowed to call from a browser, e.g. {@code https://temporal.example.com};
 *     {@code STEWARD_CODEC_UI_ORIGINS} (comma separated). Empty (the default): any origin on this
 *     machine ({@code http://localhost:<any port>}, {@code 127.0.0.1}, {@code [::1]}), which covers
 *     {@code steward dev}'s Web UI on whatever port it runs
 * @param namespace the namespace whose payloads it decodes; a request whose {@code X-Namespace}
 *     names another is refused. {@code TEMPORAL_NAMESPACE}, default {@code default}
 */
public record CodecSettings(List<String> uiOrigins, String namespace) {

  public static final String UI_ORIGINS_VARIABLE = "STEWARD_CODEC_UI_ORIGINS";
  public static final String EXAMPLE_UI_ORIGIN = "http://localhost:8233";
  /** Where the gateway and {@code steward codec-server} serve the protocol: {@code /codec/encode}, {@code /codec/decode}. */
  public static final String PATH = "/codec";

  public CodecSettings {
    uiOrigins = List.copyOf(uiOrigins);
    for (String origin : uiOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException(UI_ORIGINS_VARIABLE + ": '" + origin
            + "' is not an origin; expected scheme://host[:port], e.g. " + EXAMPLE_UI_ORIGIN);
      }
    }
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace.trim();
  }

  public static CodecSettings fromEnvironment(Map<String, String> env) {
    String origins = env.get(UI_ORIGINS_VARIABLE);
    List<String> list = origins == null || origins.isBlank() ? List.of()
        : Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return new CodecSettings(list, env.get("TEMPORAL_NAMESPACE"));
  }

  /** Whether a browser page from {@code origin} may call the codec. */
  public boolean allows(String origin) {
    if (uiOrigins.isEmpty()) {
      return origin != null && origin.matches("https?://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d{1,5})?");
    }
    return uiOrigins.contains(origin);
  }

  public CodecSettings withUiOrigins(List<String> origins) {
    return new CodecSettings(origins, namespace);
  }

  public CodecSettings withNamespace(String namespace) {
    return new CodecSettings(uiOrigins, namespace);
  }
}
