package dev.steward.client.spec;

/**
 * One thing wrong with an agent file.
 *
 * @param file the file's name as the caller gave it
 * @param line the 1-based line the problem is on; 0 when it concerns the whole file
 * @param field the field's path, e.g. {@code model.provider} or {@code tools[1]}; null when it
 *     concerns the whole file
 * @param message what is wrong, and where possible what would be right
 */
public record AgentFileProblem(String file, int line, String field, String message) {

  /** The one-line form {@code file:line: field: message}, as compilers print it. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file);
    if (line > 0) {
      s.append(':').append(line);
    }
    s.append(": ");
    if (field != null && !field.isEmpty()) {
      s.append(field).append(": ");
    }
    return s.append(message).toString();
  }
}
