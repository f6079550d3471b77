package dev.steward.client.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of the spec records, read from their sources: the {@code @param} lines become the
 * schema's field descriptions, so the records' Javadoc stays the one place a field is explained.
 */
final class RecordDocs {

  // A Javadoc block directly followed (after annotations) by a record declaration.
  private static final Pattern RECORD = Pattern.compile(
      "/\\*\\*(.*?)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*public\\s+(?:static\\s+)?record\\s+(\\w+)", Pattern.DOTALL);
  private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=@param|@return|@see|$)", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("\\{@value\\s+#(\\w+)}");
  private static final Pattern INLINE = Pattern.compile("\\{@(?:code|link|linkplain)\\s+#?([^}]*)}");

  private final Path sources;
  private final Map<Class<?>, Map<String, String>> params = new HashMap<>();
  private final Map<Class<?>, String> summaries = new HashMap<>();

  /** @param sources the source folder of the spec package */
  RecordDocs(Path sources) {
    this.sources = sources;
  }

  /** The {@code @param} text of a record component, or null when it has none. */
  String field(Class<?> record, String component) {
    load(record);
    return params.getOrDefault(record, Map.of()).get(component);
  }

  /** The first sentence of a record's Javadoc, or null. */
  String type(Class<?> record) {
    load(record);
    return summaries.get(record);
  }

  private void load(Class<?> type) {
    if (!type.isRecord() || params.containsKey(type)) {
      return;
    }
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    Path file = sources.resolve(top.getSimpleName() + ".java");
    if (!Files.exists(file)) {
      params.put(type, Map.of());
      return;
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher m = RECORD.matcher(text);
    while (m.find()) {
      if (!m.group(2).equals(type.getSimpleName())) {
        continue;
      }
      // Keep only the last Javadoc before the record: the regex may start at an earlier block.
      String doc = m.group(1);
      int last = doc.lastIndexOf("/**");
      doc = clean(type, last < 0 ? doc : doc.substring(last + 3));
      int firstParam = doc.indexOf("@param");
      String summary = (firstParam < 0 ? doc : doc.substring(0, firstParam)).trim();
      if (!summary.isEmpty()) {
        summaries.put(type, summary);
      }
      Map<String, String> byName = new HashMap<>();
      Matcher p = PARAM.matcher(doc);
      while (p.find()) {
        byName.put(p.group(1), p.group(2).trim());
      }
      params.put(type, byName);
      return;
    }
    params.put(type, Map.of());
  }

  /** Javadoc markup to plain text: leading stars, inline tags, HTML and line breaks go. */
  private static String clean(Class<?> owner, String doc) {
    String text = doc.replaceAll("(?m)^\\s*\\*\\s?", " ");
    text = VALUE.matcher(text).replaceAll(r -> Matcher.quoteReplacement(constant(owner, r.group(1))));
    text = INLINE.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1).trim()));
    text = text.replaceAll("</?(?:em|i|b|p|code)>", "");
    return text.replaceAll("\\s+", " ").trim();
  }

  private static String constant(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return String.valueOf(f.get(null));
    } catch (ReflectiveOperationException e) {
      return name;
    }
  }
}
