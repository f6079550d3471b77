package dev.steward.payloads;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs as objects of an S3-compatible bucket, {@code <prefix><key>}: AWS S3 or any server that
 * speaks its API (MinIO, Ceph, S3Proxy...). Every Steward process that names the same bucket and
 * prefix reads the same blobs, on any machine.
 */
public final class S3BlobStore implements BlobStore {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String description;

  /**
   * @param s3 a client configured with endpoint, region and credentials
   * @param bucket the bucket, which must exist
   * @param prefix put before every key, e.g. {@code steward/}; empty for none
   * @param description how errors name this store, e.g. {@code s3://bucket/prefix at http://host:9000}
   */
  public S3BlobStore(S3Client s3, String bucket, String prefix, String description) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.prefix = prefix == null ? "" : prefix;
    this.description = description;
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    String object = object(key);
    try {
      // Keys are content hashes: an object already there holds these very bytes, so skip the upload
      // and only mark it written now (a copy onto itself), so the janitor keeps it.
      if (exists(object)) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(object).destinationBucket(bucket).destinationKey(object)
            .metadataDirective(MetadataDirective.REPLACE).contentType("application/octet-stream"));
        return;
      }
      s3.putObject(b -> b.bucket(bucket).key(object).contentType("application/octet-stream"),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    String object = object(key);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(object)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new FileNotFoundException("blob " + key + " is not in " + description);
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void list(Visitor visitor) throws IOException {
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
        String key = o.key().substring(prefix.length());
        if (key.matches("[0-9a-f]{64}")) {
          visitor.visit(new Entry(key, o.lastModified()));
        }
      }
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public boolean deleteIfWrittenBefore(String key, Instant cutoff) throws IOException {
    String object = object(key);
    try {
      Optional<Instant> written = lastWritten(object);
      if (written.isEmpty() || !written.get().isBefore(cutoff)) {
        return false;
      }
      s3.deleteObject(b -> b.bucket(bucket).key(object));
      return true;
    } catch (SdkException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  private boolean exists(String object) {
    return lastWritten(object).isPresent();
  }

  /** When the object was last written; empty when there is none (a HEAD's 404 has no NoSuchKey body). */
  private Optional<Instant> lastWritten(String object) {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(object)).lastModified());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private String object(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a blob key: " + key);
    }
    return prefix + key;
  }
}
