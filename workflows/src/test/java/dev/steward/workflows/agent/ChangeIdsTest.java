package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The replay corpus is complete by construction: every change id in {@link ChangeIds} has its
 * marker in at least one committed history, and workflow code asks {@code getVersion} only with
 * an id from the registry. A new guarded change fails here until its history is recorded.
 */
class ChangeIdsTest {

  private static final Path MAIN_SOURCES = Path.of("src/main/java");
  /** The first argument of every getVersion or Versions.atLeast call, whatever the line breaks. */
  private static final Pattern GET_VERSION = Pattern.compile("(?:getVersion|atLeast)\\s*\\(\\s*([^,)]*)");
  /** The one place that asks the SDK with an id it was given: the rest go through it. */
  private static final Path VERSIONS = MAIN_SOURCES.resolve("dev/steward/workflows/agent/Versions.java");
  private static final Pattern REGISTRY_CONSTANT = Pattern.compile("ChangeIds\\.([A-Z][A-Z0-9_]*)");

  @Test
  void everyRegisteredIdIsInACommittedHistory() {
    Map<String, String> histories = Histories.all();
    Set<String> recorded = new TreeSet<>();
    histories.values().forEach(h -> recorded.addAll(Histories.changeIds(h)));

    Set<String> missing = new TreeSet<>(registry().values());
    missing.removeAll(recorded);
    // An id only a later epoch covers was never asked on its own by a recorded run: histories under
    // that epoch (its marker) ran its new side, every older history its old side.
    for (int epoch = 2; epoch <= Versions.newest(); epoch++) {
      if (recorded.contains(Versions.epochId(epoch))) {
        missing.removeAll(Versions.addedBy(epoch));
      }
    }
    assertThat(missing)
        .as("change ids in ChangeIds that no history under %s holds: record one (docs/ARCHITECTURE.md, "
            + "\"Changing workflow code\")", Histories.DIR)
        .isEmpty();
    Set<String> unknown = new TreeSet<>(recorded);
    unknown.removeAll(registry().values());
    assertThat(unknown).as("change ids in committed histories but not in ChangeIds: running agents still "
        + "carry them, keep their constants").isEmpty();
  }

  @Test
  void workflowCodeAsksOnlyForRegisteredIds() throws IOException {
    Map<String, String> registry = registry();
    List<String> offenders = new ArrayList<>();
    int calls = 0;
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher call = GET_VERSION.matcher(Files.readString(file));
        while (call.find()) {
          calls++;
          String argument = call.group(1).strip();
          if (file.equals(VERSIONS) && argument.endsWith("changeId")) {
            continue;
          }
          if (call.group().startsWith("getVersion") && !file.equals(VERSIONS)) {
            offenders.add(MAIN_SOURCES.relativize(file) + ": getVersion called directly, not through Versions");
          }
          Matcher constant = REGISTRY_CONSTANT.matcher(argument);
          if (!constant.matches() || !registry.containsKey(constant.group(1))) {
            offenders.add(MAIN_SOURCES.relativize(file) + ": getVersion(" + argument + ", ...)");
          }
        }
      }
    }
    assertThat(calls).as("getVersion calls found under %s", MAIN_SOURCES.toAbsolutePath()).isPositive();
    assertThat(offenders).as("Versions.atLeast must name its id as ChangeIds.SOME_ID, a constant of the registry, "
        + "and workflow code asks versions only through Versions (so the epoch is asked first)").isEmpty();
  }

  @Test
  void idsAreDistinct() {
    assertThat(Set.copyOf(registry().values())).hasSameSizeAs(registry().values());
  }

  @Test
  void theCorpusHoldsAContinueAsNewChainAndSubAgents() {
    Map<String, String> histories = Histories.all();
    assertThat(histories.values()).as("a run that continued as new")
        .anyMatch(h -> h.contains("EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW"));
    assertThat(histories.values()).as("a run that a continue-as-new started")
        .anyMatch(h -> h.contains("\"continuedExecutionRunId\""));
    assertThat(histories.values()).as("a sub-agent (child workflow)")
        .anyMatch(h -> h.contains("EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED"));
  }

  /** Constant name to change id, read from the registry's public static final String fields. */
  private static Map<String, String> registry() {
    Map<String, String> ids = new TreeMap<>();
    for (Field f : ChangeIds.class.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
        try {
          ids.put(f.getName(), (String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(ids).as("ChangeIds constants").isNotEmpty();
    return ids;
  }
}
