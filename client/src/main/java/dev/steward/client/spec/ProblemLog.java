package dev.steward.client.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects an agent file's problems, so a person sees all of them at once, sorted by line. */
final class ProblemLog {

  private final String file;
  private final List<AgentFileProblem> problems = new ArrayList<>();

  ProblemLog(String file) {
    this.file = file;
  }

  void error(int line, String field, String message) {
    problems.add(new AgentFileProblem(file, line, field, message));
  }

  void error(YamlNode at, String field, String message) {
    error(at.line(), field, message);
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
