package dev.steward.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who keeps what alive in a heap dump of cached idle workflows ({@code IdleAgentsMain} with
 * {@code DUMP_DIR}). Counts only what the cached workflows alone keep alive (see {@link #ANCHORS};
 * {@code -Danchors=} for others): its bytes by owner (the nearest object on its path from a workflow
 * that is not a JDK, Guava or protobuf container) and by class, the paths that keep the classes of
 * interest alive, and the stacks the parked workflow threads wait in. Figures are divided by the
 * number of workflows in the dump, so what each one holds reads directly.
 *
 * <pre>HeapDumpPaths DUMP.hprof WORKFLOWS [HOPS [CLASS ...]]</pre>
 */
public final class HeapDumpPaths {

  private static final List<String> DEFAULT_CLASSES = List.of("java.lang.reflect.Method", "java.util.LinkedHashMap",
      "[Ljava.lang.Class;", "[Ljava.util.HashMap$Node;", "jdk.internal.vm.StackChunk", "io.temporal.api.common.v1.Payload",
      "com.google.protobuf.MapField", "[B", "java.lang.String", "dev.steward.workflows.agent.AgentEvent", "[Ljava.lang.Object;");

  /** Containers: an object found through one of these is charged to whoever holds the container. */
  private static final List<String> CONTAINER_PREFIXES = List.of("[", "java.", "javax.", "jdk.", "sun.",
      "com.google.protobuf.", "com.google.common.", "io.temporal.api.");

  /** JDK classes that are owners all the same: what a parked virtual thread keeps. */
  private static final Set<String> JDK_OWNERS = Set.of("java.lang.VirtualThread", "jdk.internal.vm.StackChunk",
      "jdk.internal.vm.Continuation", "java.lang.ThreadLocal$ThreadLocalMap");

  /**
   * One per cached workflow: the SDK's handler of a workflow run (what its cache holds), and the
   * virtual thread a workflow waits in, with the locals of its parked frames (owners {@code frame
   * Class.method}). What only these keep alive is what the cached workflows cost.
   */
  private static final Set<String> ANCHORS = Set.of(System.getProperty("anchors",
      "io.temporal.internal.replay.ReplayWorkflowRunTaskHandler,java.lang.VirtualThread").split(","));

  private static final int TOP_OWNERS = Integer.getInteger("top", 60);
  private static final int TOP_CLASSES = 40;
  private static final int TOP_PATHS = 8;

  private HeapDumpPaths() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: HeapDumpPaths DUMP.hprof WORKFLOWS [HOPS [CLASS ...]]");
      System.exit(2);
    }
    Hprof heap = Hprof.read(Path.of(args[0]), ANCHORS);
    double n = Double.parseDouble(args[1]);
    int hops = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    List<String> classes = args.length > 3 ? List.of(args).subList(3, args.length) : DEFAULT_CLASSES;
    StringBuilder out = new StringBuilder();
    String[] names = classNames(heap);
    int[] owners = owners(heap, names);
    byOwner(heap, names, owners, n, out);
    byClass(heap, names, n, out);
    paths(heap, names, owners, n, hops, classes, out);
    String expand = System.getProperty("expand");
    if (expand != null) {
      expand(heap, names, owners, n, expand, out);
    }
    stacks(heap, n, out);
    System.out.print(out);
  }

  private static String[] classNames(Hprof heap) {
    String[] names = new String[heap.objectCount()];
    Map<String, String> interned = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      names[i] = interned.computeIfAbsent(heap.className(i), x -> x);
    }
    return names;
  }

  private static boolean isOwner(String className) {
    if (JDK_OWNERS.contains(className)) {
      return true;
    }
    for (String prefix : CONTAINER_PREFIXES) {
      if (className.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }

  /**
   * For each reached object, the label of its owner: "Owner.field" the path leaves the nearest owner
   * by, or the kind of root. Computed in reach order, so a parent's owner is known before its child's.
   */
  private static int[] owners(Hprof heap, String[] names) {
    int[] owner = new int[heap.objectCount()];
    for (int k = 0; k < heap.reached; k++) {
      int i = heap.reachOrder[k];
      int p = heap.parent[i];
      if (p == Hprof.ROOT) {
        owner[i] = heap.parentLabel[i];
      } else if (isOwner(names[p])) {
        owner[i] = heap.parentLabel[i];
      } else {
        owner[i] = owner[p];
      }
    }
    return owner;
  }

  private static void byOwner(Hprof heap, String[] names, int[] owners, double n, StringBuilder out) {
    Map<Integer, long[]> totals = new HashMap<>();
    long all = 0;
    for (int k = heap.retainedFrom; k < heap.reached; k++) {
      int i = heap.reachOrder[k];
      long size = heap.shallowSize(i);
      all += size;
      long[] t = totals.computeIfAbsent(owners[i], x -> new long[2]);
      t[0]++;
      t[1] += size;
    }
    out.append(String.format(Locale.ROOT, "%d objects; %d kept alive only by the cached workflows (%s): %.0f bytes per workflow%n%n",
        heap.objectCount(), heap.reached - heap.retainedFrom, String.join(", ", ANCHORS), all / n));
    out.append("What a cached workflow keeps alive, by owner (the field its path leaves the nearest non-container object by):\n\n")
        .append("| owner | objects | bytes |\n|---|---|---|\n");
    totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(TOP_OWNERS)
        .forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |%n", heap.labels.get(e.getKey()),
            e.getValue()[0] / n, e.getValue()[1] / n)));
  }

  private static void byClass(Hprof heap, String[] names, double n, StringBuilder out) {
    Map<String, long[]> totals = new HashMap<>();
    for (int k = heap.retainedFrom; k < heap.reached; k++) {
      int i = heap.reachOrder[k];
      long[] t = totals.computeIfAbsent(names[i], x -> new long[2]);
      t[0]++;
      t[1] += heap.shallowSize(i);
    }
    out.append("\nThe same, by class:\n\n| class | objects | bytes |\n|---|---|---|\n");
    totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(TOP_CLASSES)
        .forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |%n", e.getKey(),
            e.getValue()[0] / n, e.getValue()[1] / n)));
  }

  private static void paths(Hprof heap, String[] names, int[] owners, double n, int hops, List<String> classes,
      StringBuilder out) {
    for (String cls : classes) {
      Map<String, long[]> byPath = new HashMap<>();
      long count = 0;
      long bytes = 0;
      long unreached = 0;
      for (int i = 0; i < heap.objectCount(); i++) {
        if (!cls.equals(names[i])) {
          continue;
        }
        if (!heap.retainedBy(i)) {
          unreached++;
          continue;
        }
        long size = heap.shallowSize(i);
        count++;
        bytes += size;
        long[] t = byPath.computeIfAbsent(path(heap, names, i, hops) + "   [owner " + heap.labels.get(owners[i]) + "]",
            x -> new long[2]);
        t[0]++;
        t[1] += size;
      }
      out.append(String.format(Locale.ROOT, "%n`%s`: %.1f per workflow, %.0f bytes (%d more not kept by the workflows)%n%n",
          cls, count / n, bytes / n, unreached));
      byPath.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(TOP_PATHS)
          .forEach(e -> out.append(String.format(Locale.ROOT, "- %.2f / %.0f B: %s%n", e.getValue()[0] / n,
              e.getValue()[1] / n, e.getKey())));
    }
  }

  /**
   * What one owner ({@code -Dexpand=Owner.field}) keeps, by the two steps of the path below it: the
   * owner table charges a whole protobuf message to the field that holds it; this opens it up.
   */
  private static void expand(Hprof heap, String[] names, int[] owners, double n, String owner, StringBuilder out) {
    Map<String, long[]> totals = new HashMap<>();
    for (int k = heap.retainedFrom; k < heap.reached; k++) {
      int i = heap.reachOrder[k];
      if (!heap.labels.get(owners[i]).equals(owner)) {
        continue;
      }
      List<String> steps = new ArrayList<>();
      for (int j = i; heap.parent[j] >= 0 && !heap.labels.get(heap.parentLabel[j]).equals(owner); j = heap.parent[j]) {
        steps.add(0, heap.labels.get(heap.parentLabel[j]));
      }
      String key = String.join(" > ", steps.subList(0, Math.min(2, steps.size())));
      long[] t = totals.computeIfAbsent(key.isEmpty() ? "(itself)" : key, x -> new long[2]);
      t[0]++;
      t[1] += heap.shallowSize(i);
    }
    out.append("\n`").append(owner).append("` keeps, by the path below it:\n\n| path | objects | bytes |\n|---|---|---|\n");
    totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(TOP_OWNERS)
        .forEach(e -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.0f |%n", e.getKey(),
            e.getValue()[0] / n, e.getValue()[1] / n)));
  }

  /** The last {@code hops} steps of the path to an object, nearest last: "Holder.field > Holder.field". */
  private static String path(Hprof heap, String[] names, int object, int hops) {
    List<String> steps = new ArrayList<>();
    int i = object;
    while (steps.size() < hops && heap.parent[i] >= 0) {
      String label = heap.labels.get(heap.parentLabel[i]);
      steps.add(0, label.equals("[]") ? Hprof.simpleName(names[heap.parent[i]]) + "[]" : label);
      i = heap.parent[i];
    }
    if (heap.parent[i] == Hprof.ROOT) {
      steps.add(0, heap.labels.get(heap.parentLabel[i]) + " " + Hprof.simpleName(names[i]));
    }
    return String.join(" > ", steps);
  }

  /** Threads parked in workflow code, grouped by stack: how deep a parked workflow thread's stack is. */
  private static void stacks(Hprof heap, double n, StringBuilder out) {
    Map<String, Integer> byStack = new LinkedHashMap<>();
    for (List<String> stack : heap.threadStacks().values()) {
      if (stack.stream().anyMatch(f -> f.contains("Workflow") || f.startsWith("AgentWorkflow"))) {
        byStack.merge(String.join("\n    ", stack), 1, Integer::sum);
      }
    }
    out.append(String.format(Locale.ROOT, "%nThread stacks in workflow code: %d distinct%n",
        byStack.size()));
    byStack.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4).forEach(e -> out.append(
        String.format(Locale.ROOT, "%n%d threads (%.2f per workflow), %d frames:%n    %s%n", e.getValue(), e.getValue() / n,
            e.getKey().split("\n").length, e.getKey())));
  }
}
