package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the doors of the agent's rooms one-way (docs/ARCHITECTURE.md, "The agent workflow in rooms"):
 * no room reaches the workflow class or a room it may not use.
 */
class RoomsTest {

  private static final Path AGENT = Path.of("src/main/java/dev/steward/workflows/agent");
  private static final Pattern ROOM_IMPORT = Pattern.compile("^import dev\\.steward\\.workflows\\.agent\\.([a-z]\\w*)\\.[A-Z]\\w*;",
      Pattern.MULTILINE);

  /** Which rooms each room may import, as its package-info says. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "turn", Set.of("context", "conversation", "journal", "lifecycle", "schedules", "steps", "timers"),
      "steps", Set.of("conversation", "journal", "timers"),
      "conversation", Set.of("journal", "timers"),
      "context", Set.of("journal"),
      "journal", Set.of(),
      "schedules", Set.of("timers", "journal"),
      "timers", Set.of(),
      "lifecycle", Set.of("journal", "context"));

  @Test
  void nothingButTheWorkflowClassUsesIt() throws IOException {
    List<String> users = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = withoutComments(Files.readString(f));
        if (!f.endsWith("AgentWorkflowImpl.java") && code.contains("AgentWorkflowImpl")) {
          users.add(f.toString());
        }
      }
    }
    assertThat(users).as("workflow code that reaches the workflow class").isEmpty();
  }

  @Test
  void roomsImportOnlyTheRoomsTheyMayUse() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, Set<String>> room : ALLOWED.entrySet()) {
      try (Stream<Path> files = Files.list(AGENT.resolve(room.getKey()))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = ROOM_IMPORT.matcher(Files.readString(f));
          while (m.find()) {
            if (!m.group(1).equals(room.getKey()) && !room.getValue().contains(m.group(1))) {
              offenders.add(room.getKey() + "/" + f.getFileName() + " imports agent." + m.group(1));
            }
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyRoomSaysWhatLivesThere() throws IOException {
    try (Stream<Path> dirs = Files.list(AGENT)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        assertThat(dir.resolve("package-info.java")).as("package-info of room " + dir.getFileName()).exists();
        assertThat(ALLOWED).as("room " + dir.getFileName() + " is listed here").containsKey(dir.getFileName().toString());
      }
    }
  }

  private static String withoutComments(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
  }
}
