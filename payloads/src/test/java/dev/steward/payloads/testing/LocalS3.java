package dev.steward.payloads.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible server for tests: S3Proxy in this JVM, on a free loopback port, keeping
 * objects as files under a folder (its filesystem backend), with AWS signature V4 authentication.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "steward-test";
  public static final String SECRET_KEY = "steward-test-secret";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final Path root;

  private LocalS3(S3Proxy proxy, BlobStoreContext context, Path root) {
    this.proxy = proxy;
    this.context = context;
    this.root = root;
  }

  /** A server whose objects live under {@code root}, with {@code bucket} created. */
  public static LocalS3 start(Path root, String bucket) throws Exception {
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", root.toString());
    BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
        .build(BlobStoreContext.class);
    context.getBlobStore().createContainerInLocation(null, bucket);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    return new LocalS3(proxy, context, root);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The folder that holds the objects, one sub-folder per bucket. */
  public Path root() {
    return root;
  }

  /** The environment that points a Steward process at {@code s3://bucket/prefix} on this server. */
  public Map<String, String> environment(String bucket, String prefix) {
    return Map.of("STEWARD_BLOBS", "s3://" + bucket + "/" + prefix, "STEWARD_BLOBS_S3_ENDPOINT", endpoint(),
        "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      context.close();
    }
  }
}
