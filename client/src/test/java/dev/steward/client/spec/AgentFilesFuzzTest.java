package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of agent files made by mutating the examples (cut, repeated and swapped lines, stray
 * YAML syntax, odd scalars, huge and negative numbers, deep nesting) through the agent-file
 * reader: each one is read or refused with {@link AgentFileException} whose problems are one line
 * each; nothing else escapes. Seeded: the seed is printed, and {@code -Dsteward.fuzz.seed=N}
 * replays a run.
 */
class AgentFilesFuzzTest {

  private static final int CASES = 3000;
  private static final Path EXAMPLES = AgentSchemaGenerator.projectRoot().resolve("examples/agents");

  /** What a mutation may put in: YAML syntax, edge-case scalars and numbers past every range. */
  private static final String[] FRAGMENTS = {
      ":", ": ", "- ", "[", "]", "{", "}", ",", "\"", "'", "#", "&a ", "*a", "!!binary ", "!!python/object ", "? ",
      "|", ">", "---\n", "...\n", "\t", "  ", "\n", "<<: *a\n", "~", "null", "true", "no", "0x1F", "0o17", "1e309",
      "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "99999999999999999999999", ".nan", "-.inf",
      "1.5", "\u0000", "\uFEFF", "\u202E", "é", "😀", "${HOME}", "{{input}}", "%", "@", "`", "\\", "\r\n",
  };
  private static final String[] KEYS = {
      "name", "model", "provider", "id", "max_tokens", "timeout_seconds", "temperature", "tools", "limits",
      "max_turns", "max_steps_per_turn", "max_tokens_per_turn", "max_cost_usd", "max_turn_seconds", "memory",
      "blocks", "limit", "schedules", "every", "cron", "approval", "fallbacks", "script", "steps", "reply",
      "mcp_servers", "http_tools", "openapi", "pricing", "base_url", "credential", "parameters",
  };

  @Test
  void mutatedExamplesAreReadOrRefusedInOneLine() throws IOException {
    long seed = Long.getLong("steward.fuzz.seed", System.nanoTime());
    System.out.println("AgentFilesFuzzTest seed " + seed + " (replay with -Dsteward.fuzz.seed=" + seed + ")");
    Random random = new Random(seed);
    List<String> examples = examples();
    List<String> escaped = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < CASES && escaped.size() < 5; i++) {
      String text = mutate(examples.get(random.nextInt(examples.size())), random);
      try {
        AgentFiles.parse(text, "fuzz.yaml", EXAMPLES);
      } catch (AgentFileException e) {
        refused++;
        for (AgentFileProblem p : e.problems()) {
          if (p.toString().contains("\n") || p.toString().isBlank()) {
            escaped.add("case " + i + ": a problem of more than one line: " + p + "\n--- input:\n" + text);
          }
        }
      } catch (Throwable e) {
        escaped.add("case " + i + ": " + e + "\n--- input:\n" + text);
      }
    }
    assertThat(escaped).as("seed " + seed).isEmpty();
    assertThat(refused).as("the mutations must also break files, or the test proves little").isGreaterThan(CASES / 4);
  }

  @Test
  void deepNestingIsRefusedInOneLineEvenOnASmallStack() throws InterruptedException {
    String deep = "name: deep\nmodel: {provider: scripted}\nmemory: " + "{a: ".repeat(150) + "1" + "}".repeat(150) + "\n";
    // Load the reader on a normal stack first: a class whose initialiser overflowed stays broken for
    // the whole JVM, and the other tests share it.
    AgentFiles.parse("name: warm\nmodel: {provider: scripted}\n", "warm.yaml");
    Throwable[] thrown = new Throwable[1];
    Thread small = new Thread(null, () -> {
      try {
        AgentFiles.parse(deep, "deep.yaml");
      } catch (Throwable e) {
        thrown[0] = e;
      }
    }, "small-stack", 128 * 1024);
    small.start();
    small.join();

    assertThat(thrown[0]).isInstanceOf(AgentFileException.class);
    assertThat(thrown[0].getMessage()).isEqualTo("deep.yaml:3: nested more than " + YamlTreeReader.MAX_NESTING_DEPTH
        + " levels deep; agent files are never that deep");
  }

  @Test
  void aValueSpanningLinesIsQuotedOnOneLine() {
    AgentFileException e = org.assertj.core.api.Assertions.catchThrowableOfType(AgentFileException.class,
        () -> AgentFiles.parse("name: x\nmodel: {provider: scripted}\ntools: ['no\n\n such tool']\n", "x.yaml"));

    assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("\n"));
  }

  private static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(Files.readString(f));
      }
      return out;
    }
  }

  /** One to four mutations of the text. */
  private static String mutate(String text, Random random) {
    String out = text;
    int times = 1 + random.nextInt(4);
    for (int i = 0; i < times; i++) {
      out = switch (random.nextInt(9)) {
        case 0 -> insert(out, random, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        case 1 -> cut(out, random);
        case 2 -> lines(out, random, false);
        case 3 -> lines(out, random, true);
        case 4 -> replaceValue(out, random);
        case 5 -> out + "\n" + KEYS[random.nextInt(KEYS.length)] + ": " + FRAGMENTS[random.nextInt(FRAGMENTS.length)]
            + "\n";
        case 6 -> nest(out, random);
        case 7 -> out.replace(":", random.nextBoolean() ? "::" : " :");
        default -> insert(out, random, KEYS[random.nextInt(KEYS.length)] + ": ");
      };
    }
    return out;
  }

  private static String insert(String text, Random random, String fragment) {
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + fragment + text.substring(at);
  }

  private static String cut(String text, Random random) {
    if (text.isEmpty()) {
      return text;
    }
    int from = random.nextInt(text.length());
    int to = Math.min(text.length(), from + 1 + random.nextInt(40));
    return text.substring(0, from) + text.substring(to);
  }

  /** Repeats a line (duplicate keys) or swaps two (indentation out of place). */
  private static String lines(String text, Random random, boolean swap) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    if (lines.size() < 2) {
      return text;
    }
    int a = random.nextInt(lines.size());
    int b = random.nextInt(lines.size());
    if (swap) {
      String t = lines.get(a);
      lines.set(a, lines.get(b));
      lines.set(b, t);
    } else {
      lines.add(b, lines.get(a));
    }
    return String.join("\n", lines) + "\n";
  }

  /** Puts an odd scalar where some "key: value" line's value was. */
  private static String replaceValue(String text, Random random) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("\\s*-?\\s*[a-z_]+: \\S.*")) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return text;
    }
    int i = candidates.get(random.nextInt(candidates.size()));
    String line = lines.get(i);
    int colon = line.indexOf(": ");
    lines.set(i, line.substring(0, colon + 2) + FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
    return String.join("\n", lines) + "\n";
  }

  /** A deeply nested flow value under a known key. */
  private static String nest(String text, Random random) {
    int depth = 10 + random.nextInt(1500);
    boolean maps = random.nextBoolean();
    String value = maps ? "{a: ".repeat(depth) + "1" + "}".repeat(depth) : "[".repeat(depth) + "]".repeat(depth);
    return text + "\n" + KEYS[random.nextInt(KEYS.length)] + ": " + value + "\n";
  }
}
