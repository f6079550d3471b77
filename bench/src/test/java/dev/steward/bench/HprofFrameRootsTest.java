package dev.steward.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a waiting anchor thread's frames keep (a workflow thread's locals) is counted as kept by
 * that thread, with the frame's method as its owner.
 */
class HprofFrameRootsTest {

  /** A class nothing else in the JVM makes, so its one instance is easy to find in the dump. */
  static final class OnlyInAFrame {}

  @Test
  void anAnchorThreadsLocalsAreKeptByItsFrame(@TempDir Path dir) throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread waiter = new Thread(() -> holdUntil(holding, release), "frame-roots-test");
    waiter.start();
    holding.await();
    Path dump = dir.resolve("frames.hprof");
    try {
      ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
    } finally {
      release.countDown();
      waiter.join();
    }

    Hprof heap = Hprof.read(dump, Set.of("java.lang.Thread"));
    int found = -1;
    for (int i = 0; i < heap.objectCount(); i++) {
      if (heap.kind(i) == Hprof.INSTANCE && heap.className(i).equals(OnlyInAFrame.class.getName())) {
        found = i;
      }
    }

    assertThat(found).as("the local is in the dump").isNotNegative();
    assertThat(heap.retainedBy(found)).as("kept by the anchor thread").isTrue();
    assertThat(heap.parent[found]).isEqualTo(Hprof.ROOT);
    assertThat(heap.labels.get(heap.parentLabel[found])).isEqualTo("frame HprofFrameRootsTest.holdUntil");
    Files.delete(dump);
  }

  private static void holdUntil(CountDownLatch holding, CountDownLatch release) {
    OnlyInAFrame local = new OnlyInAFrame();
    holding.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Reference.reachabilityFence(local);
  }
}
