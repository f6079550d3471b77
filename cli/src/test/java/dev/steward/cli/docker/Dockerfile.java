package dev.steward.cli.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Dockerfile read into instructions the way Docker reads it: backslash continuations joined,
 * comment lines dropped, each instruction tagged with the stage it belongs to.
 */
record Dockerfile(List<Instruction> instructions) {

  /** One instruction: {@code keyword} in upper case, {@code arguments} the rest of the (joined) line. */
  record Instruction(int stage, String keyword, String arguments) {

    /** Arguments split like Docker does: a JSON array as such, otherwise on white space. */
    List<String> words() {
      if (arguments.startsWith("[")) {
        try {
          return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() {});
        } catch (Exception e) {
          throw new IllegalArgumentException("not a JSON array: " + arguments, e);
        }
      }
      return Arrays.asList(arguments.split("\\s+"));
    }
  }

  /**
   * A COPY or ADD: its place among the instructions, where from ({@code --from} stage or image, else
   * null for the build context), its other flags, what, and where to.
   */
  record Copy(int position, int stage, String from, List<String> flags, List<String> sources, String destination) {}

  static Dockerfile parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int stage = -1;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String whole = pending.toString().strip();
      pending.setLength(0);
      String[] parts = whole.split("\\s+", 2);
      String keyword = parts[0].toUpperCase();
      if (keyword.equals("FROM")) {
        stage++;
      }
      instructions.add(new Instruction(stage, keyword, parts.length > 1 ? parts[1].strip() : ""));
    }
    return new Dockerfile(List.copyOf(instructions));
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  int lastStage() {
    return instructions.get(instructions.size() - 1).stage();
  }

  List<Copy> copies() {
    List<Copy> copies = new ArrayList<>();
    for (int position = 0; position < instructions.size(); position++) {
      Instruction instruction = instructions.get(position);
      if (!instruction.keyword().equals("COPY") && !instruction.keyword().equals("ADD")) {
        continue;
      }
      List<String> words = new ArrayList<>(instruction.words());
      String from = null;
      List<String> flags = new ArrayList<>();
      while (!words.isEmpty() && words.get(0).startsWith("--")) {
        String flag = words.remove(0);
        if (flag.startsWith("--from=")) {
          from = flag.substring("--from=".length());
        } else {
          flags.add(flag);
        }
      }
      String destination = words.remove(words.size() - 1);
      copies.add(new Copy(position, instruction.stage(), from, List.copyOf(flags), List.copyOf(words), destination));
    }
    return copies;
  }

  /** The value an ENV instruction gives {@code name}, or null. */
  String env(String name) {
    String value = null;
    for (Instruction instruction : all("ENV")) {
      for (String word : instruction.words()) {
        if (word.startsWith(name + "=")) {
          value = word.substring(name.length() + 1);
        }
      }
    }
    return value;
  }

  /** Every name an ENV instruction sets ({@code NAME=value} form). */
  List<String> envNames() {
    return all("ENV").stream().flatMap(i -> i.words().stream()).map(w -> w.substring(0, w.indexOf('='))).toList();
  }
}
