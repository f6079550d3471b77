package dev.steward.activities.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@link TestMcpServer} over Streamable HTTP (the SDK's servlet transport) in Jetty, on a loopback
 * port. Each instance is a fresh server: starting another on the same port is a restart that
 * forgets every session. A listener sees each request, with its JSON-RPC method, before the server.
 */
final class JettyMcpServer implements AutoCloseable {

  /** Sees a request before the server does; it may block it. */
  interface Listener {
    /** @param method the JSON-RPC method of a POST, or null */
    void request(HttpServletRequest request, String method);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Server jetty;
  private final McpSyncServer mcp;

  /** A server on {@code port} (0: a free one) at {@code /mcp}. */
  JettyMcpServer(int port, Listener listener) throws Exception {
    HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
        .jsonMapper(TestMcpServer.JSON).mcpEndpoint("/mcp").build();
    mcp = TestMcpServer.http(transport);
    jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder servlet = new ServletHolder(transport);
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    Filter watch = (request, response, chain) -> {
      HttpServletRequest http = (HttpServletRequest) request;
      if ("POST".equals(http.getMethod())) {
        ReadBody body = new ReadBody(http);
        listener.request(http, body.method());
        chain.doFilter(body, response);
      } else {
        listener.request(http, null);
        chain.doFilter(request, response);
      }
    };
    FilterHolder filter = new FilterHolder(watch);
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    jetty.start();
  }

  int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/mcp";
  }

  @Override
  public void close() throws Exception {
    mcp.close();
    jetty.stop();
  }

  /** A request whose body was read once (to learn its JSON-RPC method) and can be read again. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request) throws IOException {
      super(request);
      body = request.getInputStream().readAllBytes();
    }

    String method() {
      try {
        JsonNode message = JSON.readTree(body);
        return message != null && message.hasNonNull("method") ? message.get("method").asText() : null;
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }
}
