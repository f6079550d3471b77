package dev.steward.cli;

import dev.steward.gateway.ApiKeys;
import dev.steward.gateway.GatewaySettings;
import dev.steward.gateway.codec.CodecServer;
import dev.steward.gateway.codec.CodecSettings;
import dev.steward.payloads.StewardDataConverter;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code steward codec-server}: Temporal's remote codec protocol on a port of its own, for a Web UI
 * or {@code temporal} CLI that should show Steward's payloads decrypted and with their blobs
 * resolved, where no gateway runs.
 */
@Command(
    name = "codec-server",
    description = {
      "Serve Temporal's remote codec protocol (POST /codec/encode, /codec/decode) with this process's blob store"
          + " (STEWARD_BLOBS) and encryption keys (STEWARD_ENCRYPTION_KEYS): point the Temporal Web UI's codec"
          + " endpoint (TEMPORAL_CODEC_ENDPOINT) at http://HOST:PORT/codec.",
      "Callers need 'Authorization: Bearer <key>' with one of STEWARD_API_KEYS (or STEWARD_API_KEYS_FILE) when"
          + " those are set; without keys anyone who reaches the port can decode payloads, so keep it on loopback.",
      "The gateway serves the same routes on its own port."
    })
final class CodecServerCommand implements Callable<Integer> {

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:STEWARD_CODEC_PORT:-8089}",
      description = "Port (env STEWARD_CODEC_PORT; default: ${DEFAULT-VALUE}; 0 for a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = EmbeddedTemporal.LOOPBACK,
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--ui-origin", paramLabel = "ORIGIN", split = ",",
      description = "Web UI origins allowed to call from a browser, e.g. https://temporal.example.com (env "
          + CodecSettings.UI_ORIGINS_VARIABLE + "; default: any origin on this machine, e.g. http://localhost:8233).")
  List<String> uiOrigins;

  @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "The namespace it serves; requests whose X-Namespace names another are refused (default:"
          + " ${DEFAULT-VALUE}).")
  String namespace;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CodecSettings settings;
    try {
      settings = CodecSettings.fromEnvironment(System.getenv()).withNamespace(namespace);
      if (uiOrigins != null && !uiOrigins.isEmpty()) {
        settings = settings.withUiOrigins(uiOrigins.stream().map(String::strip).toList());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--ui-origin: " + e.getMessage());
    }
    ApiKeys keys = ApiKeys.from(GatewaySettings.fromEnvironment());
    CodecServer server = CodecServer.start(bind, port, StewardDataConverter.codecFromEnvironment(System.getenv()),
        keys, settings);
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    out.println("Steward codec server on http://" + host + ":" + server.port() + CodecSettings.PATH
        + " (namespace " + settings.namespace() + ")");
    out.println("  Web UI    TEMPORAL_CODEC_ENDPOINT=http://" + host + ":" + server.port() + CodecSettings.PATH
        + "; origins " + (settings.uiOrigins().isEmpty() ? "on this machine" : String.join(", ", settings.uiOrigins())));
    out.println("  Auth      " + (keys.enabled() ? "API keys (Authorization: Bearer <key>)"
        : "off: anyone who reaches the port can decode payloads (set " + GatewaySettings.API_KEYS_VARIABLE + ")"));
    out.println("Ctrl-C stops it.");
    out.flush();
    UntilShutdown.await(server);
    return 0;
  }
}
