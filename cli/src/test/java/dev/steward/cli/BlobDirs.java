package dev.steward.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** A local blob directory as the janitor tests see it: what it holds, and making it look old. */
final class BlobDirs {

  private BlobDirs() {}

  /** Moves every blob's write time back by {@code by}, as if written that long ago. */
  static void age(Path blobs, Duration by) throws Exception {
    FileTime then = FileTime.from(Instant.now().minus(by));
    try (Stream<Path> files = Files.walk(blobs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(f, then);
      }
    }
  }

  /** The keys of the blobs the directory holds. */
  static Set<String> stored(Path blobs) throws Exception {
    try (Stream<Path> files = Files.walk(blobs)) {
      return new HashSet<>(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList());
    }
  }
}
