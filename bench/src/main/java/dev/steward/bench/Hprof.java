package dev.steward.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A heap dump in HPROF format (what {@code jcmd GC.heap_dump} and {@code HotSpotDiagnosticMXBean}
 * write), read into a graph: every object with its class and shallow size, and a shortest path from
 * the GC roots to each reachable object (breadth first). Enough to say who keeps an object alive;
 * there is no heap analyser on this machine. Dumps up to 2 GB (one memory map).
 */
final class Hprof {

  static final byte INSTANCE = 1;
  static final byte OBJECT_ARRAY = 2;
  static final byte PRIMITIVE_ARRAY = 3;
  static final byte CLASS = 4;

  /** The node a root's objects hang from, in {@link #parent}. */
  static final int ROOT = -1;
  static final int UNREACHED = -2;

  private final MappedByteBuffer data;
  private final int idSize;
  private final Map<Long, String> utf8 = new HashMap<>();
  private final Map<Long, String> classNames = new HashMap<>();
  private final Map<Long, ClassDump> classDumps = new HashMap<>();
  private final List<long[]> roots = new ArrayList<>();
  private final List<String> rootKinds = new ArrayList<>();
  private final IdIndex index = new IdIndex();
  private final Map<Long, int[]> layouts = new HashMap<>();
  private final Map<Integer, Long> classBySerial = new HashMap<>();
  private final Map<Long, String> frames = new HashMap<>();
  private final Map<Integer, List<String>> stackTraces = new HashMap<>();
  private final Map<Long, Integer> threadTraces = new HashMap<>();
  private final Map<Integer, Long> threadBySerial = new HashMap<>();
  /** Objects of the anchor classes: the phase-one walk stops at them. */
  private boolean[] anchor;
  private boolean blockAnchors;
  /** Where in {@link #reachOrder} the objects only the anchors keep alive begin. */
  int retainedFrom;

  // Per object, by index.
  private long[] ids = new long[1 << 20];
  private int[] offsets = new int[1 << 20];
  private byte[] kinds = new byte[1 << 20];
  private int count;

  /** For each object, the object it was first reached from (or ROOT / UNREACHED), and through which label. */
  int[] parent;
  int[] parentLabel;
  /** Objects in the order they were reached: parents before children. */
  int[] reachOrder;
  private int[] position;
  int reached;
  final List<String> labels = new ArrayList<>();
  private final Map<String, Integer> labelIds = new HashMap<>();

  private record Field(String name, int type) {}

  private record ClassDump(long superId, int instanceBytes, List<Field> fields, List<long[]> staticRefs,
      List<String> staticNames) {}

  private Hprof(MappedByteBuffer data) {
    this.data = data;
    int i = 0;
    while (data.get(i) != 0) {
      i++;
    }
    data.position(i + 1);
    idSize = data.getInt();
    data.getLong();
  }

  static Hprof read(Path file) throws IOException {
    return read(file, java.util.Set.of());
  }

  /**
   * Reads a dump in two walks: from the GC roots without entering any object of {@code anchorClasses}
   * (nor the stack frames of anchor threads), then from the anchors and the locals of their threads'
   * frames (labelled {@code frame Class.method}). What the second walk reaches
   * ({@link #retainedBy}) is what only the anchors keep alive: what would go if they went.
   */
  static Hprof read(Path file, java.util.Set<String> anchorClasses) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new IOException("heap dump over 2 GB: take it with fewer agents");
      }
      Hprof heap = new Hprof(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
      heap.scan();
      heap.walk(anchorClasses);
      return heap;
    }
  }

  /** The stack of every thread in the dump (top frame first), by thread object id. */
  Map<Long, List<String>> threadStacks() {
    Map<Long, List<String>> stacks = new HashMap<>();
    threadTraces.forEach((thread, serial) -> stacks.put(thread, stackTraces.getOrDefault(serial, List.of())));
    return stacks;
  }

  int objectCount() {
    return count;
  }

  long id(int object) {
    return ids[object];
  }

  byte kind(int object) {
    return kinds[object];
  }

  /** The class name of an object: {@code java.lang.String}, {@code [B}, {@code [Ljava.lang.Object;}, {@code class Foo}. */
  String className(int object) {
    int at = offsets[object];
    return switch (kinds[object]) {
      case INSTANCE -> name(idAt(at + 1 + idSize + 4));
      case OBJECT_ARRAY -> name(idAt(at + 1 + idSize + 4 + 4));
      case PRIMITIVE_ARRAY -> primitiveArrayName(data.get(at + 1 + idSize + 4 + 4));
      default -> "class " + name(ids[object]);
    };
  }

  /** Shallow size with compressed references: 12-byte header, 4-byte references, 8-byte alignment. */
  long shallowSize(int object) {
    int at = offsets[object];
    return switch (kinds[object]) {
      case INSTANCE -> {
        long classId = idAt(at + 1 + idSize + 4);
        ClassDump c = classDumps.get(classId);
        long frames = "jdk/internal/vm/StackChunk".equals(classNames.get(classId)) ? 8L * intField(object, "size") : 0;
        yield align(12 + (c == null ? 0 : c.instanceBytes()) + frames);
      }
      case OBJECT_ARRAY -> align(16 + 4L * data.getInt(at + 1 + idSize + 4));
      case PRIMITIVE_ARRAY -> align(16 + (long) data.getInt(at + 1 + idSize + 4) * typeSize(data.get(at + 1 + idSize + 4 + 4)));
      default -> 0;
    };
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  String name(long classId) {
    String name = classNames.get(classId);
    return name == null ? "?" : name.replace('/', '.');
  }

  // ---- pass 1: index every object ------------------------------------------------------------

  private void scan() {
    while (data.remaining() > 0) {
      int tag = data.get() & 0xff;
      data.getInt();
      long length = Integer.toUnsignedLong(data.getInt());
      int end = (int) (data.position() + length);
      switch (tag) {
        case 0x01 -> {
          long id = readId();
          byte[] bytes = new byte[(int) (length - idSize)];
          data.get(bytes);
          utf8.put(id, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        case 0x02 -> {
          int serial = data.getInt();
          long classId = readId();
          data.getInt();
          classNames.put(classId, utf8.get(readId()));
          classBySerial.put(serial, classId);
        }
        case 0x04 -> {
          long frame = readId();
          String method = utf8.get(readId());
          readId();
          readId();
          frames.put(frame, simpleName(name(classBySerial.getOrDefault(data.getInt(), 0L))) + "." + method);
        }
        case 0x05 -> {
          int serial = data.getInt();
          data.getInt();
          List<String> trace = new ArrayList<>();
          for (int i = data.getInt(); i > 0; i--) {
            trace.add(frames.getOrDefault(readId(), "?"));
          }
          stackTraces.put(serial, trace);
        }
        case 0x0C, 0x1C -> scanHeap(end);
        default -> { }
      }
      data.position(end);
    }
  }

  private void scanHeap(int end) {
    while (data.position() < end) {
      int at = data.position();
      int sub = data.get() & 0xff;
      switch (sub) {
        case 0xFF -> root(readId(), "unknown");
        case 0x01 -> { root(readId(), "JNI global"); readId(); }
        case 0x02 -> { root(readId(), "JNI local"); skip(8); }
        case 0x03 -> {
          long id = readId();
          root(id, "java frame");
          roots.get(roots.size() - 1)[1] = data.getInt();
          roots.get(roots.size() - 1)[2] = data.getInt();
        }
        case 0x04 -> { root(readId(), "native stack"); skip(4); }
        case 0x05 -> root(readId(), "system class");
        case 0x06 -> { root(readId(), "thread block"); skip(4); }
        case 0x07 -> root(readId(), "monitor");
        case 0x08 -> {
          long thread = readId();
          root(thread, "thread");
          threadBySerial.put(data.getInt(), thread);
          threadTraces.put(thread, data.getInt());
        }
        case 0x20 -> classDump(at);
        case 0x21 -> {
          add(readId(), at, INSTANCE);
          skip(4);
          readId();
          skip(data.getInt());
        }
        case 0x22 -> {
          add(readId(), at, OBJECT_ARRAY);
          skip(4);
          int n = data.getInt();
          readId();
          skip((long) n * idSize);
        }
        case 0x23 -> {
          add(readId(), at, PRIMITIVE_ARRAY);
          skip(4);
          int n = data.getInt();
          skip((long) n * typeSize(data.get()));
        }
        default -> throw new IllegalStateException("unknown heap dump sub-record 0x" + Integer.toHexString(sub) + " at " + at);
      }
    }
  }

  private void classDump(int at) {
    long id = readId();
    skip(4);
    long superId = readId();
    skip(5L * idSize);
    data.getInt();
    int constants = data.getShort() & 0xffff;
    for (int i = 0; i < constants; i++) {
      skip(2);
      skip(typeSize(data.get()));
    }
    List<long[]> staticRefs = new ArrayList<>();
    List<String> staticNames = new ArrayList<>();
    int statics = data.getShort() & 0xffff;
    for (int i = 0; i < statics; i++) {
      String name = utf8.get(readId());
      int type = data.get();
      if (type == 2) {
        long ref = readId();
        if (ref != 0) {
          staticRefs.add(new long[] {ref});
          staticNames.add(name);
        }
      } else {
        skip(typeSize(type));
      }
    }
    List<Field> fields = new ArrayList<>();
    int bytes = 0;
    int n = data.getShort() & 0xffff;
    for (int i = 0; i < n; i++) {
      String name = utf8.get(readId());
      int type = data.get();
      fields.add(new Field(name, type));
      bytes += type == 2 ? 4 : typeSize(type);
    }
    classDumps.put(id, new ClassDump(superId, bytes, fields, staticRefs, staticNames));
    add(id, at, CLASS);
  }

  private void root(long id, String kind) {
    // id, thread serial (java frames only), frame depth in the thread's stack trace (java frames only).
    roots.add(new long[] {id, -1, -1});
    rootKinds.add(kind);
  }

  private void add(long id, int at, byte kind) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
      offsets = Arrays.copyOf(offsets, count * 2);
      kinds = Arrays.copyOf(kinds, count * 2);
    }
    ids[count] = id;
    offsets[count] = at;
    kinds[count] = kind;
    index.put(id, count);
    count++;
  }

  // ---- pass 2: shortest paths from the roots ---------------------------------------------------

  private void walk(java.util.Set<String> anchorClasses) {
    // Instance sizes include the super classes' fields: sum them once all classes are known.
    Map<Long, Integer> totals = new HashMap<>();
    for (Long id : classDumps.keySet()) {
      totals.put(id, instanceBytes(id));
    }
    totals.forEach((id, bytes) -> {
      ClassDump c = classDumps.get(id);
      classDumps.put(id, new ClassDump(c.superId(), bytes, c.fields(), c.staticRefs(), c.staticNames()));
    });
    parent = new int[count];
    parentLabel = new int[count];
    Arrays.fill(parent, UNREACHED);
    reachOrder = new int[count];
    position = new int[count];
    anchor = new boolean[count];
    for (int i = 0; i < count; i++) {
      anchor[i] = kinds[i] == INSTANCE && anchorClasses.contains(name(idAt(offsets[i] + 1 + idSize + 4)));
    }
    blockAnchors = true;
    for (int i = 0; i < roots.size(); i++) {
      int object = index.get(roots.get(i)[0]);
      Long thread = threadBySerial.get((int) roots.get(i)[1]);
      boolean anchorFrame = thread != null && index.get(thread) >= 0 && anchor[index.get(thread)];
      if (object >= 0 && parent[object] == UNREACHED && !anchor[object] && !anchorFrame) {
        parent[object] = ROOT;
        parentLabel[object] = label("root: " + rootKinds.get(i));
        position[object] = reached;
        reachOrder[reached++] = object;
      }
    }
    for (int head = 0; head < reached; head++) {
      visitReferences(reachOrder[head]);
    }
    retainedFrom = reached;
    blockAnchors = false;
    for (int i = 0; i < count; i++) {
      if (anchor[i] && parent[i] == UNREACHED) {
        parent[i] = ROOT;
        parentLabel[i] = label("anchor " + simpleName(className(i)));
        position[i] = reached;
        reachOrder[reached++] = i;
      }
    }
    for (int head = retainedFrom; head < reached; head++) {
      visitReferences(reachOrder[head]);
    }
    // Then the locals of the anchor threads' frames, not reached above: a parked virtual thread's
    // stack keeps them alive, and the dump gives them as frame roots of that thread, not as
    // references of its objects.
    int framesFrom = reached;
    for (int i = 0; i < roots.size(); i++) {
      int object = index.get(roots.get(i)[0]);
      Long thread = threadBySerial.get((int) roots.get(i)[1]);
      if (object >= 0 && parent[object] == UNREACHED && thread != null && index.get(thread) >= 0 && anchor[index.get(thread)]) {
        parent[object] = ROOT;
        parentLabel[object] = label("frame " + frameName(thread, (int) roots.get(i)[2]));
        position[object] = reached;
        reachOrder[reached++] = object;
      }
    }
    for (int head = framesFrom; head < reached; head++) {
      visitReferences(reachOrder[head]);
    }
  }

  /** The method of a thread's frame at this depth, for the frame roots of parked threads. */
  private String frameName(long thread, int depth) {
    List<String> trace = stackTraces.getOrDefault(threadTraces.getOrDefault(thread, -1), List.of());
    return depth >= 0 && depth < trace.size() ? trace.get(depth) : "?";
  }

  /** The value of an instance's int field, by name; 0 when it has none. */
  int intField(int object, String field) {
    int pos = offsets[object] + 1 + idSize + 4 + idSize + 4;
    for (long c = idAt(offsets[object] + 1 + idSize + 4); c != 0 && classDumps.containsKey(c); c = classDumps.get(c).superId()) {
      for (Field f : classDumps.get(c).fields()) {
        if (f.name().equals(field) && f.type() == 10) {
          return data.getInt(pos);
        }
        pos += typeSize(f.type());
      }
    }
    return 0;
  }

  /** True when only the anchors keep this object alive. */
  boolean retainedBy(int object) {
    return parent[object] != UNREACHED && position[object] >= retainedFrom;
  }

  private int instanceBytes(long classId) {
    int bytes = 0;
    for (long c = classId; c != 0 && classDumps.containsKey(c); c = classDumps.get(c).superId()) {
      for (Field f : classDumps.get(c).fields()) {
        bytes += f.type() == 2 ? 4 : typeSize(f.type());
      }
    }
    return bytes;
  }

  private void visitReferences(int object) {
    int at = offsets[object];
    switch (kinds[object]) {
      case INSTANCE -> {
        int[] layout = layout(idAt(at + 1 + idSize + 4));
        int pos = at + 1 + idSize + 4 + idSize + 4;
        for (int step : layout) {
          if (step >= 0) {
            reach(object, idAt(pos), step);
            pos += idSize;
          } else {
            pos -= step;
          }
        }
      }
      case OBJECT_ARRAY -> {
        data.position(at + 1 + idSize + 4);
        int n = data.getInt();
        readId();
        int pos = data.position();
        int elements = label("[]");
        for (int i = 0; i < n; i++, pos += idSize) {
          reach(object, idAt(pos), elements);
        }
      }
      case CLASS -> {
        ClassDump dump = classDumps.get(ids[object]);
        for (int i = 0; i < dump.staticRefs().size(); i++) {
          reach(object, dump.staticRefs().get(i)[0], label("static " + simpleName(name(ids[object])) + "." + dump.staticNames().get(i)));
        }
        reach(object, dump.superId(), label("super"));
      }
      default -> { }
    }
  }

  /**
   * An instance's field values in dump order (the class's own fields, then its super class's, and so
   * on): for a reference its label, for a primitive minus its size in bytes.
   */
  private int[] layout(long classId) {
    int[] layout = layouts.get(classId);
    if (layout == null) {
      List<Integer> steps = new ArrayList<>();
      for (long c = classId; c != 0 && classDumps.containsKey(c); c = classDumps.get(c).superId()) {
        for (Field f : classDumps.get(c).fields()) {
          steps.add(f.type() == 2 ? label(simpleName(name(c)) + "." + f.name()) : -typeSize(f.type()));
        }
      }
      layout = steps.stream().mapToInt(Integer::intValue).toArray();
      layouts.put(classId, layout);
    }
    return layout;
  }

  private void reach(int from, long ref, int via) {
    if (ref == 0) {
      return;
    }
    int to = index.get(ref);
    if (to >= 0 && parent[to] == UNREACHED && !(blockAnchors && anchor[to])) {
      parent[to] = from;
      parentLabel[to] = via;
      position[to] = reached;
      reachOrder[reached++] = to;
    }
  }

  private int label(String text) {
    Integer id = labelIds.get(text);
    if (id == null) {
      id = labels.size();
      labels.add(text);
      labelIds.put(text, id);
    }
    return id;
  }

  static String simpleName(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }

  // ---- bytes -------------------------------------------------------------------------------------

  private long idAt(int position) {
    return idSize == 8 ? data.getLong(position) : Integer.toUnsignedLong(data.getInt(position));
  }

  private long readId() {
    return idSize == 8 ? data.getLong() : Integer.toUnsignedLong(data.getInt());
  }

  private void skip(long bytes) {
    data.position((int) (data.position() + bytes));
  }

  private int typeSize(int type) {
    return switch (type) {
      case 2 -> idSize;
      case 4, 8 -> 1;
      case 5, 9 -> 2;
      case 6, 10 -> 4;
      case 7, 11 -> 8;
      default -> throw new IllegalStateException("unknown basic type " + type);
    };
  }

  private static String primitiveArrayName(int type) {
    return switch (type) {
      case 4 -> "[Z";
      case 5 -> "[C";
      case 6 -> "[F";
      case 7 -> "[D";
      case 8 -> "[B";
      case 9 -> "[S";
      case 10 -> "[I";
      case 11 -> "[J";
      default -> "[?";
    };
  }

  /** Object id → index, open addressing over two plain arrays (millions of objects, no boxing). */
  private static final class IdIndex {
    private long[] keys = new long[1 << 21];
    private int[] values = new int[1 << 21];
    private int size;

    void put(long id, int value) {
      if (size * 2 >= keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = hash(id) & mask;
      while (keys[i] != 0 && keys[i] != id) {
        i = (i + 1) & mask;
      }
      if (keys[i] == 0) {
        size++;
      }
      keys[i] = id;
      values[i] = value;
    }

    int get(long id) {
      int mask = keys.length - 1;
      int i = hash(id) & mask;
      while (keys[i] != 0) {
        if (keys[i] == id) {
          return values[i];
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new int[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static int hash(long id) {
      long h = id * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32));
    }
  }
}
