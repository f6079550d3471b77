package dev.steward.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.steward.worker.StewardWorker;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.ObjectName;

/**
 * Heap of N cached idle agents against N plain Temporal workflows that took the same one update, in
 * this JVM, talking to a server in another process (so the server's copy of the histories is not
 * counted): used heap after GC before and after, per workflow, and the classes that grew most on
 * Steward's side (a class histogram diff). Issue 14's target: 10,000 idle agents in at most 512 MB on
 * JDK 25 with virtual workflow threads, at most 1.5 times the plain workflow.
 *
 * <pre>IdleAgentsMain tcp:HOST:PORT N</pre>
 */
public final class IdleAgentsMain {

  private static final int TOP_CLASSES = 25;

  private IdleAgentsMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].startsWith("tcp:")) {
      System.err.println("usage: IdleAgentsMain tcp:HOST:PORT N");
      System.exit(2);
    }
    int n = Integer.parseInt(args[1]);
    double loadBefore = load();
    StringBuilder out = new StringBuilder();
    try (Rig rig = new Rig(null, args[0].substring(4), "TCP", n + 100)) {
      Subjects subjects = new Subjects(rig);
      out.append(String.format(Locale.ROOT, "JDK %s, virtual workflow threads: %s, max heap %d MB, %d idle workflows a side%n%n",
          Runtime.version(), StewardWorker.usesVirtualWorkflowThreads(), Runtime.getRuntime().maxMemory() >> 20, n));
      out.append("| side | cached | used heap before | after | growth | per workflow |\n|---|---|---|---|---|---|\n");
      Map<Side, Double> perWorkflow = new HashMap<>();
      String stewardGrowth = "";
      for (Side side : List.of(Side.PLAIN, Side.STEWARD)) {
        Map<String, long[]> histogramBefore = histogram();
        long before = usedHeapAfterGc();
        List<String> ids = startIdle(subjects, side, n);
        long after = usedHeapAfterGc();
        int cached = side == Side.STEWARD ? rig.stewardCached() : rig.plainCached();
        double per = (after - before) / 1024.0 / n;
        perWorkflow.put(side, per);
        out.append(String.format(Locale.ROOT, "| %s | %d | %.1f MB | %.1f MB | %.1f MB | %.1f KB |%n", side, cached,
            before / 1048576.0, after / 1048576.0, (after - before) / 1048576.0, per));
        if (side == Side.STEWARD) {
          stewardGrowth = growth(histogramBefore, histogram(), n);
        }
        dump(side);
        // Closed, not only told to stop: otherwise the first side's workflows end while the second
        // side is measured, and what they free is subtracted from the second side's growth.
        run(ids, id -> subjects.stopAndAwaitClosed(side, id));
        out.append(String.format(Locale.ROOT, "| (%s stopped) | %d | | | | |%n", side,
            side == Side.STEWARD ? rig.stewardCached() : rig.plainCached()));
      }
      out.append(String.format(Locale.ROOT, "%nSteward / plain per workflow: %.2f; load average %.2f before, %.2f after%n",
          perWorkflow.get(Side.STEWARD) / perWorkflow.get(Side.PLAIN), loadBefore, load()));
      out.append("\nWhat a cached idle agent holds, per agent (classes that grew most while Steward's agents were started):\n\n")
          .append(stewardGrowth);
    }
    System.out.print(out);
    // Worker threads of the SDK are not all daemons.
    System.exit(0);
  }

  /**
   * With {@code DUMP_DIR} set, a heap dump of live objects and a thread dump (virtual threads
   * included) while the side's workflows sit in the cache, for {@link HeapDumpPaths}.
   */
  private static void dump(Side side) throws Exception {
    String dir = System.getenv("DUMP_DIR");
    if (dir == null || dir.isBlank()) {
      return;
    }
    String name = side.name().toLowerCase(Locale.ROOT);
    Path heap = Path.of(dir, name + ".hprof");
    Files.deleteIfExists(heap);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(heap.toString(), true);
    Path threads = Path.of(dir, name + "-threads.txt");
    Files.deleteIfExists(threads);
    ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
        "threadDumpToFile", new Object[] {new String[] {threads.toString()}}, new String[] {String[].class.getName()});
  }

  private static List<String> startIdle(Subjects subjects, Side side, int n) throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<Integer> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      slots.add(i);
    }
    run(slots, i -> {
      String id = subjects.start(side);
      subjects.step(side, id);
      ids.add(id);
    });
    return ids;
  }

  private interface Each<T> {
    void accept(T item) throws Exception;
  }

  /** Runs {@code each} over the items, eight at a time, and waits for all. */
  private static <T> void run(List<T> items, Each<T> each) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          each.accept(item);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Class name → {instances, bytes}, from the JVM's own class histogram (live objects: it runs a full GC). */
  private static Map<String, long[]> histogram() throws Exception {
    String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, long[]> classes = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return classes;
  }

  private static String growth(Map<String, long[]> before, Map<String, long[]> after, int n) {
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    after.forEach((name, a) -> {
      long[] b = before.getOrDefault(name, new long[2]);
      grown.add(Map.entry(name, new long[] {a[0] - b[0], a[1] - b[1]}));
    });
    grown.sort((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]));
    StringBuilder s = new StringBuilder("| class | objects per agent | bytes per agent |\n|---|---|---|\n");
    for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(TOP_CLASSES, grown.size()))) {
      s.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |%n", e.getKey(), e.getValue()[0] / (double) n,
          e.getValue()[1] / (double) n));
    }
    return s.toString();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
