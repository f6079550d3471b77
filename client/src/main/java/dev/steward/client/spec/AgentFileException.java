package dev.steward.client.spec;

import dev.steward.client.StewardException;
import java.util.List;

/**
 * An agent file could not be read or is not valid. {@link #getMessage()} is the one-line form of
 * the first problem (by line), e.g.
 * {@code examples/agents/x.yaml:7:13: model.provider: unknown provider 'opena'; expected one of scripted, openai};
 * {@link #problems()} holds every problem found.
 */
public class AgentFileException extends StewardException {

  private final List<AgentFileProblem> problems;

  public AgentFileException(List<AgentFileProblem> problems) {
    super(problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public AgentFileException(AgentFileProblem problem, Throwable cause) {
    super(problem.toString(), cause);
    this.problems = List.of(problem);
  }

  /** The file's name as the caller gave it. */
  public String file() {
    return first().file();
  }

  /** The 1-based line of the first problem; 0 when it concerns the whole file. */
  public int line() {
    return first().line();
  }

  /** The path of the field with the first problem, e.g. {@code model.provider}; null for the whole file. */
  public String field() {
    return first().field();
  }

  /** What is wrong, without the file, line and field. */
  public String reason() {
    return first().message();
  }

  /** Every problem found, first by line first. */
  public List<AgentFileProblem> problems() {
    return problems;
  }

  private AgentFileProblem first() {
    return problems.get(0);
  }
}
