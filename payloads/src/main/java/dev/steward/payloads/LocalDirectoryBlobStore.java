package dev.steward.payloads;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Blobs as files under one directory, {@code <dir>/<first two hex digits>/<key>}. Every process that
 * reads an agent's history (worker, CLI, gateway) must see the same directory: on one machine that
 * is the default; across machines, a shared volume.
 */
public final class LocalDirectoryBlobStore implements BlobStore {

  private final Path dir;

  public LocalDirectoryBlobStore(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = path(key);
    if (Files.exists(target)) {
      touch(target);
      return;
    }
    Files.createDirectories(target.getParent());
    // Write beside the target, then move: a reader never sees half a blob.
    Path temp = Files.createTempFile(target.getParent(), key, ".part");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    try {
      return Files.readAllBytes(path(key));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("blob " + key + " is not in " + dir);
    }
  }

  @Override
  public void list(Visitor visitor) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        if (name.matches("[0-9a-f]{64}")) {
          try {
            visitor.visit(new Entry(name, Files.getLastModifiedTime(f).toInstant()));
          } catch (NoSuchFileException gone) {
            // Removed meanwhile by another janitor.
          }
        }
      }
    }
  }

  @Override
  public boolean deleteIfWrittenBefore(String key, Instant cutoff) throws IOException {
    Path target = path(key);
    try {
      if (!Files.getLastModifiedTime(target).toInstant().isBefore(cutoff)) {
        return false;
      }
      return Files.deleteIfExists(target);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static void touch(Path target) throws IOException {
    try {
      Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
    } catch (NoSuchFileException e) {
      // Removed by the janitor just now: the caller's put must write it again.
      throw new IOException("blob " + target.getFileName() + " was removed while being written again; retry", e);
    }
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  private Path path(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a blob key: " + key);
    }
    return dir.resolve(key.substring(0, 2)).resolve(key);
  }
}
