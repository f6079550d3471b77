package dev.steward.client.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects an agent file's problems, so a person sees all of them at once, sorted by line. */
final class ProblemLog {

  private final String file;
  private final boolean lines;
  private final List<AgentFileProblem> problems = new ArrayList<>();

  ProblemLog(String file) {
    this(file, true);
  }

  /**
   * @param lines false when the text was written by Steward itself (a spec checked as an object), whose
   *     lines the reader of the message has never seen: the field's path says where instead
   */
  ProblemLog(String file, boolean lines) {
    this.file = file;
    this.lines = lines;
  }

  String file() {
    return file;
  }

  boolean lines() {
    return lines;
  }

  void error(int line, String field, String message) {
    error(line, 0, field, message);
  }

  void error(int line, int column, String field, String message) {
    problems.add(new AgentFileProblem(file, lines ? line : 0, lines ? column : 0, field, message));
  }

  void error(YamlNode at, String field, String message) {
    error(at.line(), at.column(), field, message);
  }

  /** Takes a nested spec's problems (a sub-agent's), their fields under {@code prefix}, e.g. {@code tools[2].spec}. */
  void addNested(ProblemLog nested, String prefix) {
    for (AgentFileProblem p : nested.problems) {
      String field = p.field() == null ? prefix : FieldPath.child(prefix, p.field());
      problems.add(new AgentFileProblem(file, p.line(), p.column(), field, p.message()));
    }
  }

  /** The fields problems were logged for so far (null for the whole file). */
  List<String> fields() {
    return problems.stream().map(AgentFileProblem::field).toList();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws if anything was logged. The sort is stable, so problems on one line keep their order. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      List<AgentFileProblem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingInt(AgentFileProblem::line));
      throw new AgentFileException(sorted);
    }
  }
}
