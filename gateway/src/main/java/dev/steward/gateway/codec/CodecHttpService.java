package dev.steward.gateway.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.cors.CorsService;
import dev.steward.gateway.ApiKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's remote codec protocol over Steward's codec chain, for the Web UI and other tools:
 * {@code POST <prefix>/decode} turns stored payloads (encrypted, or claim-check references into the
 * blob store) back into what was sent; {@code POST <prefix>/encode} does the reverse. Bodies are
 * {@code {"payloads":[...]}} in proto3 JSON (bytes in base64).
 *
 * <p>Refused: a caller without a valid {@code Authorization: Bearer <API key>} when the gateway's API
 * keys are set (401), an {@code X-Namespace} other than the configured namespace (403), methods
 * other than POST (405), a body that is not payloads JSON (400). A payload that cannot be decoded
 * (a blob gone, a key missing) comes back as a small JSON payload saying why, so one bad payload
 * does not hide the others.
 */
public final class CodecHttpService implements HttpService {

  private static final Logger log = LoggerFactory.getLogger(CodecHttpService.class);
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final PayloadCodec codec;
  private final ApiKeys keys;
  private final CodecSettings settings;

  public CodecHttpService(PayloadCodec codec, ApiKeys keys, CodecSettings settings) {
    this.codec = codec;
    this.keys = keys;
    this.settings = settings;
  }

  /** This service behind CORS for the configured Web UI origins, preflight included. */
  public HttpService withCors() {
    return CorsService.builder(settings::allows)
        .allowRequestMethods(HttpMethod.POST, HttpMethod.OPTIONS)
        .allowRequestHeaders(HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.AUTHORIZATION, "x-namespace")
        // The Web UI may send its access token or cookies ("include credentials").
        .allowCredentials()
        .maxAge(600)
        .build(this);
  }

  @Override
  public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
    String path = ctx.mappedPath();
    boolean decode = path.endsWith("/decode");
    if (!decode && !path.endsWith("/encode")) {
      return error(HttpStatus.NOT_FOUND, "no such codec route " + path + "; use " + CodecSettings.PATH + "/encode or "
          + CodecSettings.PATH + "/decode");
    }
    if (req.method() != HttpMethod.POST) {
      return error(HttpStatus.METHOD_NOT_ALLOWED, "the codec takes POST");
    }
    String refusal = unauthorized(req);
    if (refusal != null) {
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.UNAUTHORIZED).contentType(MediaType.JSON_UTF_8)
          .add(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer").build(),
          com.linecorp.armeria.common.HttpData.ofUtf8(json(refusal)));
    }
    String namespace = req.headers().get("x-namespace");
    if (namespace != null && !namespace.isBlank() && !namespace.strip().equals(settings.namespace())) {
      return error(HttpStatus.FORBIDDEN, "X-Namespace: this codec serves namespace '" + settings.namespace()
          + "', not '" + namespace.strip() + "'");
    }
    return HttpResponse.of(req.aggregate().thenApplyAsync(body -> answer(body, decode), ctx.blockingTaskExecutor()));
  }

  private String unauthorized(HttpRequest req) {
    if (!keys.enabled()) {
      return null;
    }
    String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "Authorization: send 'Bearer <API key>' (one of the gateway's STEWARD_API_KEYS)";
    }
    return keys.tenantOf(header.substring(7).strip()).isPresent() ? null : "Authorization: unknown API key";
  }

  private HttpResponse answer(AggregatedHttpRequest body, boolean decode) {
    Payloads.Builder in = Payloads.newBuilder();
    try {
      PARSER.merge(body.contentUtf8(), in);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return error(HttpStatus.BAD_REQUEST, "body: expected {\"payloads\":[...]} in proto3 JSON: " + e.getMessage());
    }
    List<Payload> out;
    if (decode) {
      out = new ArrayList<>(in.getPayloadsCount());
      for (Payload p : in.getPayloadsList()) {
        out.add(decodeOne(p));
      }
    } else {
      try {
        out = codec.encode(in.getPayloadsList());
      } catch (RuntimeException e) {
        log.warn("codec: could not encode {} payloads", in.getPayloadsCount(), e);
        return error(HttpStatus.SERVICE_UNAVAILABLE, "could not encode: " + e.getMessage());
      }
    }
    try {
      return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
          PRINTER.print(Payloads.newBuilder().addAllPayloads(out).build()));
    } catch (InvalidProtocolBufferException e) {
      return error(HttpStatus.INTERNAL_SERVER_ERROR, "could not write the payloads: " + e.getMessage());
    }
  }

  private Payload decodeOne(Payload p) {
    try {
      return codec.decode(List.of(p)).get(0);
    } catch (RuntimeException e) {
      String why = dev.steward.payloads.BlobUnavailableException.isCause(e)
          ? dev.steward.payloads.BlobUnavailableException.messageOf(e) : e.getMessage();
      log.info("codec: a payload could not be decoded: {}", why);
      return Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
          .setData(ByteString.copyFrom(json("steward could not decode this payload: " + why), StandardCharsets.UTF_8))
          .build();
    }
  }

  private static HttpResponse error(HttpStatus status, String message) {
    return HttpResponse.of(status, MediaType.JSON_UTF_8, json(message));
  }

  private static String json(String message) {
    StringBuilder b = new StringBuilder("{\"message\":\"");
    for (char c : message.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append("\"}").toString();
  }
}
