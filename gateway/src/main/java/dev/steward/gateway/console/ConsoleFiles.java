package dev.steward.gateway.console;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.file.FileService;

/**
 * The Steward console: static files (HTML, CSS, plain JavaScript, no build step) kept in this
 * package's resources and served under {@value #PATH}. The page talks to the gateway's own API as
 * gRPC-Web with JSON messages (which carries the streaming {@code Watch}) with the API key a person
 * enters, so it sees exactly what that tenant may see.
 */
public final class ConsoleFiles {

  /** Where the console is served; {@code /console} redirects here. */
  public static final String PATH = "/console/";

  private ConsoleFiles() {}

  /** The files, to mount under {@value #PATH}. */
  public static HttpService service() {
    return FileService.builder(ConsoleFiles.class.getClassLoader(), "dev/steward/gateway/console")
        // The page is small and changes with releases: always ask for the current one.
        .cacheControl("no-cache")
        .build();
  }

  /** {@code /console} without the slash: to the page, so its relative links work. */
  public static HttpService redirect() {
    return (ctx, req) -> HttpResponse.ofRedirect(PATH);
  }
}
