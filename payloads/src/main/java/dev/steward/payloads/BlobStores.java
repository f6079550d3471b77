package dev.steward.payloads;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Picks the blob store from the environment, the same way in every process (worker, gateway, CLI,
 * client), so that they all read what any of them wrote.
 *
 * <ul>
 *   <li>{@code STEWARD_BLOBS} unset: the directory {@code STEWARD_BLOB_DIR}, else {@code blobs} in
 *       {@link StewardHome} (one machine).
 *   <li>{@code STEWARD_BLOBS=s3://bucket/prefix}: an S3-compatible bucket; {@code
 *       STEWARD_BLOBS_S3_ENDPOINT} for a server other than AWS (e.g. {@code http://minio:9000}),
 *       {@code STEWARD_BLOBS_S3_REGION} (else {@code AWS_REGION}, else {@code us-east-1}), {@code
 *       STEWARD_BLOBS_S3_PATH_STYLE} ({@code true} by default with an endpoint); credentials the AWS
 *       way: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, else the SDK's default chain.
 *   <li>{@code STEWARD_BLOBS=postgresql://user:password@host:5432/db} (or a {@code jdbc:postgresql:}
 *       URL): table {@value PostgresBlobStore#TABLE} in that database, created when missing.
 *   <li>{@code STEWARD_BLOBS=/a/directory} or {@code file:///a/directory}: that directory.
 * </ul>
 *
 * <p>A process keeps one store per configuration (one S3 client, one connection pool).
 */
public final class BlobStores {

  public static final String VARIABLE = "STEWARD_BLOBS";
  public static final String S3_ENDPOINT = "STEWARD_BLOBS_S3_ENDPOINT";
  public static final String S3_REGION = "STEWARD_BLOBS_S3_REGION";
  public static final String S3_PATH_STYLE = "STEWARD_BLOBS_S3_PATH_STYLE";

  private static final Map<String, BlobStore> OPEN = new ConcurrentHashMap<>();

  private BlobStores() {}

  /**
   * The store this environment names.
   *
   * @throws IllegalArgumentException naming the variable when its value is not a store
   */
  public static BlobStore fromEnvironment(Map<String, String> env) {
    String spec = value(env, VARIABLE);
    if (spec == null) {
      return new LocalDirectoryBlobStore(StewardDataConverter.blobDirectory(env));
    }
    String lower = spec.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("s3://")) {
      String key = String.join("|", spec, String.valueOf(value(env, S3_ENDPOINT)), String.valueOf(value(env, S3_REGION)),
          String.valueOf(value(env, S3_PATH_STYLE)), String.valueOf(value(env, "AWS_ACCESS_KEY_ID")));
      return OPEN.computeIfAbsent(key, k -> s3(spec, env));
    }
    if (lower.startsWith("postgresql://") || lower.startsWith("postgres://") || lower.startsWith("jdbc:postgresql:")) {
      return OPEN.computeIfAbsent(spec, k -> postgres(spec));
    }
    if (lower.startsWith("file:")) {
      return new LocalDirectoryBlobStore(Path.of(URI.create(spec)));
    }
    if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(VARIABLE + ": unknown blob store '" + spec.replaceAll("//[^/@]*@", "//")
          + "'; expected a directory, s3://bucket/prefix or postgresql://user:password@host:port/database");
    }
    return new LocalDirectoryBlobStore(Path.of(spec));
  }

  static S3BlobStore s3(String spec, Map<String, String> env) {
    URI uri = URI.create(spec);
    String bucket = uri.getHost();
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException(VARIABLE + ": '" + spec + "' names no bucket; expected s3://bucket/prefix");
    }
    String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    String endpoint = value(env, S3_ENDPOINT);
    String region = firstOf(value(env, S3_REGION), value(env, "AWS_REGION"), value(env, "AWS_DEFAULT_REGION"), "us-east-1");
    String pathStyle = value(env, S3_PATH_STYLE);
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region))
        .credentialsProvider(credentials(env))
        .forcePathStyle(pathStyle == null ? endpoint != null : Boolean.parseBoolean(pathStyle));
    if (endpoint != null) {
      try {
        builder.endpointOverride(URI.create(endpoint));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(S3_ENDPOINT + ": not a URL: '" + endpoint + "'");
      }
      // Servers that speak S3 do not all know the newer default checksums; send them only when required.
      builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    String description = "s3://" + bucket + "/" + prefix + (endpoint == null ? "" : " at " + endpoint);
    return new S3BlobStore(builder.build(), bucket, prefix, description);
  }

  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = value(env, "AWS_ACCESS_KEY_ID");
    String secret = value(env, "AWS_SECRET_ACCESS_KEY");
    if (id == null || secret == null) {
      return DefaultCredentialsProvider.builder().build();
    }
    String token = value(env, "AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(token == null
        ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
  }

  static PostgresBlobStore postgres(String spec) {
    PostgresUrl url = PostgresUrl.parse(spec);
    return PostgresBlobStore.connect(url.jdbcUrl(), url.user(), url.password(), url.description());
  }

  /** A PostgreSQL URL in either spelling, as JDBC wants it, and as errors may show it (no password). */
  record PostgresUrl(String jdbcUrl, String user, String password, String description) {

    static PostgresUrl parse(String spec) {
      String rest = spec.replaceFirst("(?i)^jdbc:", "").replaceFirst("(?i)^postgres(ql)?://", "");
      String user = null;
      String password = null;
      int at = rest.indexOf('@');
      int slash = rest.indexOf('/');
      if (at >= 0 && (slash < 0 || at < slash)) {
        String userInfo = rest.substring(0, at);
        rest = rest.substring(at + 1);
        int colon = userInfo.indexOf(':');
        user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      }
      if (rest.isBlank() || rest.startsWith("/")) {
        throw new IllegalArgumentException(VARIABLE + ": '" + spec.replaceAll("//[^/@]*@", "//")
            + "' names no host; expected postgresql://user:password@host:port/database");
      }
      int query = rest.indexOf('?');
      String where = query < 0 ? rest : rest.substring(0, query);
      return new PostgresUrl("jdbc:postgresql://" + rest, user, password,
          "postgresql://" + where + " (table " + PostgresBlobStore.TABLE + ")");
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
